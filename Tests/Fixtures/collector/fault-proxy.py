#!/usr/bin/env python3
"""A tiny HTTP proxy in front of moto_server that injects AWS faults, for
Tests/ScanTests/CollectorTests: throttling (the error AWS returns when an API's rate is exceeded)
and an AssumeRole that is refused (a member role that does not trust the caller).

    fault-proxy.py UPSTREAM_URL LOG_FILE [--throttle OPERATION[@REGION]=N|all]... [--deny-assume ACCOUNT]... [--latency-ms N]

Listens on 127.0.0.1 on a free port and prints "listening PORT" on standard output. Every other
request is forwarded unchanged. Each injected fault is appended to LOG_FILE as one line
"throttle OPERATION REGION" or "deny-assume ACCOUNT", so a test counts faults, never time.
OPERATION is the API operation (ListSecrets, GetKeyPolicy), read from X-Amz-Target (JSON
protocols) or the Action parameter (query protocols); REGION from the request's signature.
--latency-ms delays every forwarded request by N ms, as a network round trip to AWS would
(scripts/bench-collect.sh).
"""
import http.client
import http.server
import re
import sys
import threading
import time
import urllib.parse

upstream = urllib.parse.urlsplit(sys.argv[1])
log_path = sys.argv[2]
rules = []          # [operation, region or None, remaining count or None for all]
denied = set()
latency = 0.0
arguments = sys.argv[3:]
for flag, value in zip(arguments[::2], arguments[1::2]):
    if flag == "--throttle":
        target, count = value.split("=")
        operation, _, region = target.partition("@")
        rules.append([operation, region or None, None if count == "all" else int(count)])
    elif flag == "--deny-assume":
        denied.add(value)
    elif flag == "--latency-ms":
        latency = int(value) / 1000
    else:
        sys.exit(f"fault-proxy: unknown option {flag}")
lock = threading.Lock()


def record(line):
    with lock, open(log_path, "a") as log:
        log.write(line + "\n")


class Proxy(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def handle_any(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        target = self.headers.get("X-Amz-Target")
        form = urllib.parse.parse_qs(body.decode("utf-8", "replace")) if not target else {}
        operation = target.split(".")[-1] if target else (form.get("Action") or [""])[0]
        scope = re.search(r"Credential=[^/]+/[^/]+/([^/]+)/", self.headers.get("Authorization", ""))
        region = scope.group(1) if scope else None
        if operation == "AssumeRole":
            account = re.search(r"arn:aws:iam::(\d{12}):", (form.get("RoleArn") or [""])[0])
            if account and account.group(1) in denied:
                record(f"deny-assume {account.group(1)}")
                return self.fault(403, "AccessDenied", f"User is not authorized to perform: sts:AssumeRole on {form['RoleArn'][0]}", target)
        with lock:
            rule = next((r for r in rules if r[0] == operation and r[1] in (None, region) and (r[2] is None or r[2] > 0)), None)
            if rule and rule[2] is not None:
                rule[2] -= 1
        if rule:
            record(f"throttle {operation} {region}")
            return self.fault(400, "ThrottlingException" if target else "Throttling", "Rate exceeded", target)
        if latency:
            time.sleep(latency)
        connection = http.client.HTTPConnection(upstream.hostname, upstream.port, timeout=120)
        headers = {key: value for key, value in self.headers.items() if key.lower() not in ("connection", "keep-alive")}
        connection.request(self.command, self.path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        self.send_response(response.status, response.reason)
        for key, value in response.getheaders():
            if key.lower() not in ("connection", "keep-alive", "transfer-encoding", "content-length"):
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        connection.close()

    def fault(self, status, code, message, json_protocol):
        if json_protocol:
            data = ('{"__type": "%s", "message": "%s"}' % (code, message)).encode()
            kind = "application/x-amz-json-1.1"
        else:
            data = (f"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error>"
                    f"<RequestId>fault-proxy</RequestId></ErrorResponse>").encode()
            kind = "text/xml"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = handle_any


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
print(f"listening {server.server_address[1]}", flush=True)
server.serve_forever()
