"""Video served by Wagtail's document view answers HTTP Range requests, so seeking works."""

import pytest


@pytest.fixture
def served(client, video_document, tiny_webm):
    return client, video_document.url, tiny_webm


def test_the_whole_file_announces_byte_ranges(served):
    client, url, data = served
    response = client.get(url)
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert "Content-Encoding" not in response
    assert b"".join(response.streaming_content) == data


def test_the_first_bytes(served):
    client, url, data = served
    response = client.get(url, HTTP_RANGE="bytes=0-99")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 0-99/{len(data)}"
    assert response["Content-Length"] == "100"
    assert b"".join(response.streaming_content) == data[:100]
    assert response["Content-Type"] == "video/webm"


def test_a_middle_range_and_an_open_ended_one(served):
    client, url, data = served
    middle = client.get(url, HTTP_RANGE="bytes=1000-1999")
    assert middle.status_code == 206
    assert middle["Content-Range"] == f"bytes 1000-1999/{len(data)}"
    assert b"".join(middle.streaming_content) == data[1000:2000]
    tail = client.get(url, HTTP_RANGE=f"bytes={len(data) - 10}-")
    assert tail["Content-Range"] == f"bytes {len(data) - 10}-{len(data) - 1}/{len(data)}"
    assert b"".join(tail.streaming_content) == data[-10:]


def test_a_suffix_range_and_an_end_past_the_file(served):
    client, url, data = served
    suffix = client.get(url, HTTP_RANGE="bytes=-50")
    assert suffix.status_code == 206 and b"".join(suffix.streaming_content) == data[-50:]
    past = client.get(url, HTTP_RANGE=f"bytes=10-{len(data) * 2}")
    assert past["Content-Range"] == f"bytes 10-{len(data) - 1}/{len(data)}"
    assert b"".join(past.streaming_content) == data[10:]


@pytest.mark.parametrize(
    "header", ["bytes={size}-", "bytes={size}-{end}", "bytes=abc", "bytes=9-2"]
)
def test_an_invalid_range_is_416(served, header):
    client, url, data = served
    size = len(data)
    response = client.get(url, HTTP_RANGE=header.format(size=size, end=size + 10))
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{size}"


def test_a_stale_if_range_gets_the_whole_file(served):
    client, url, data = served
    response = client.get(url, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE='"ancienne-version"')
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
