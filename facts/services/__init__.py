"""What the facts app writes: what is read from each published version
(`facts.services.refresh`), and the competing figures reviewers weigh
(`facts.services.claims`)."""
