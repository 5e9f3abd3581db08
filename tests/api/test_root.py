"""`/api/`: where to start, for a person or a client finding its way."""


def test_the_api_root_lists_where_to_start(api_client):
    response = api_client.get("/api/")

    assert response.status_code == 200
    assert response.json() == {
        "articles": "http://testserver/api/articles/",
        "proposals": "http://testserver/api/proposals/",
        "notifications": "http://testserver/api/notifications/",
        "worklist": "http://testserver/api/worklist/",
        "log": "http://testserver/api/log/",
        "events_csv": "http://testserver/api/events.csv",
        "events_geojson": "http://testserver/api/events.geojson",
        "token": "http://testserver/api/auth/token/",
        "schema": "http://testserver/api/schema/",
        "docs": "http://testserver/api/docs/",
    }
