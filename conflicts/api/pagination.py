"""Page-numbered lists: `{count, next, previous, results}`."""

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request):
        # DRF quietly falls back to the default for a bad page_size; say so instead.
        value = request.query_params.get(self.page_size_query_param)
        if value is not None and not (value.isdigit() and int(value) > 0):
            raise ValidationError({"page_size": ["Give a whole number from 1 to 100."]})
        return super().get_page_size(request)
