"""A second, non-Rust connector: the full activation and OAuth 1.0a handshake against a running
magemock with requests-oauthlib, then a signed REST call.

    python tests/interop/oauth_handshake.py http://127.0.0.1:PORT
"""

import json
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, HTTPServer

import requests
from oauthlib.oauth1 import SIGNATURE_HMAC_SHA256
from requests_oauthlib import OAuth1, OAuth1Session

MAGEMOCK = sys.argv[1].rstrip("/")
posted = {}
received = threading.Event()


class Endpoint(BaseHTTPRequestHandler):
    """The connector's endpoint: Magento POSTs the consumer credentials here."""

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        form = urllib.parse.parse_qs(self.rfile.read(length).decode())
        posted.update({k: v[0] for k, v in form.items()})
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")
        received.set()

    def log_message(self, *args):
        pass


def main():
    server = HTTPServer(("127.0.0.1", 0), Endpoint)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    endpoint = f"http://127.0.0.1:{server.server_port}/endpoint"

    created = requests.post(
        f"{MAGEMOCK}/__magemock/integrations",
        data=json.dumps({"name": "PyConnector", "email": "py@example.com",
                         "endpoint": endpoint, "resources": "all"}),
    )
    created.raise_for_status()
    integration = created.json()["id"]
    requests.post(f"{MAGEMOCK}/__magemock/integrations/{integration}/activate").raise_for_status()
    assert received.wait(10), "magemock did not post the credentials"
    base = posted["store_base_url"].rstrip("/")

    oauth = OAuth1Session(posted["oauth_consumer_key"], client_secret=posted["oauth_consumer_secret"],
                          signature_method=SIGNATURE_HMAC_SHA256)
    request_token = oauth.fetch_request_token(f"{base}/oauth/token/request")
    oauth = OAuth1Session(posted["oauth_consumer_key"], client_secret=posted["oauth_consumer_secret"],
                          resource_owner_key=request_token["oauth_token"],
                          resource_owner_secret=request_token["oauth_token_secret"],
                          verifier=posted["oauth_verifier"], signature_method=SIGNATURE_HMAC_SHA256)
    access = oauth.fetch_access_token(f"{base}/oauth/token/access")

    auth = OAuth1(posted["oauth_consumer_key"], client_secret=posted["oauth_consumer_secret"],
                  resource_owner_key=access["oauth_token"], resource_owner_secret=access["oauth_token_secret"],
                  signature_method=SIGNATURE_HMAC_SHA256)
    signed = requests.get(f"{base}/rest/V1/directory/currency",
                          params={"searchCriteria[pageSize]": "5"}, auth=auth)
    assert signed.status_code == 200, signed.text
    last = requests.get(f"{MAGEMOCK}/__magemock/journal", params={"path_prefix": "/rest/V1/directory", "limit": 1}).json()
    assert last[0]["caller"] == "integration", last
    status = requests.get(f"{MAGEMOCK}/__magemock/integrations/{integration}").json()["status_label"]
    assert status == "Active", status
    print("1 passed, 0 failed")


if __name__ == "__main__":
    main()
