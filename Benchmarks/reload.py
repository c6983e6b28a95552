#!/usr/bin/env python3
"""Measures what an author waits for in `aimsbook serve`: from saving a document to its changed
heading being on screen in a browser.

    python3 Benchmarks/reload.py BINARY HANDBOOK [EDITS]

Starts `BINARY serve HANDBOOK` and headless Chromium (remote debugging on 127.0.0.1 only),
opens a risk's page, then EDITS times (default 15) rewrites the risk's title in its Markdown
file and times the moment the page's <h1> shows the new title and a frame has been drawn
after it. Prints each time, the median, and serve's own rebuild times from its log.
Needs chromium and the websocket-client package (`make bench-reload` installs them).
"""
import glob
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, timeout, what, step=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    sys.exit(f"reload.py: timed out waiting for {what}")


class Page:
    """One Chromium tab over the DevTools protocol."""

    def __init__(self, socket_url):
        self.ws = websocket.create_connection(socket_url, timeout=30)
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression, await_promise=False):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True,
                           awaitPromise=await_promise)
        return result.get("result", {}).get("value")


def main():
    binary, handbook = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    edits = int(sys.argv[3]) if len(sys.argv) > 3 else 15
    risk = sorted(glob.glob(os.path.join(handbook, "content", "risks", "*.md")))[3]
    risk_id = re.search(r"^id: (.+)$", open(risk).read(), re.M).group(1)
    work = tempfile.mkdtemp(prefix="aimsbook-reload-")
    port, debug_port = free_port(), free_port()
    log_path = os.path.join(work, "serve.log")
    serve = subprocess.Popen([binary, "serve", handbook, "--port", str(port), "--as-of", "2026-11-29"],
                             stdout=open(log_path, "w"), stderr=subprocess.STDOUT)
    browser = None
    try:
        wait_for(lambda: "Serving" in open(log_path).read(), 300, "serve's first build")
        chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
        if not chromium:
            sys.exit("reload.py: no chromium (apt-get install chromium)")
        browser = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             f"--remote-debugging-port={debug_port}", "--remote-debugging-address=127.0.0.1",
             f"--user-data-dir={os.path.join(work, 'profile')}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        def targets():
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{debug_port}/json/list", timeout=1) as r:
                    return [t for t in json.load(r) if t.get("type") == "page"]
            except OSError:
                return None

        page = Page(wait_for(targets, 30, "chromium")[0]["webSocketDebuggerUrl"])
        page.call("Page.enable")
        page.call("Page.navigate", url=f"http://127.0.0.1:{port}/docs/{risk_id.lower()}.html")
        wait_for(lambda: page.evaluate("document.readyState") == "complete", 30, "the page")

        original = open(risk).read()
        times = []
        try:
            for number in range(1, edits + 1):
                # Quiet first: the last rebuild's deferred writes done, the page's event stream open.
                time.sleep(1.5)
                title = f"Edited risk {number} {time.time_ns() % 100000}"
                text = re.sub(r"^title: .*$", f"title: {title}", original, count=1, flags=re.M)
                start = time.monotonic()
                with open(risk, "w") as f:
                    f.write(text)
                shown = json.dumps(title)
                # Polled every few milliseconds; survives the reload (the evaluation fails while
                # the old page goes and the new one comes).
                def visible():
                    try:
                        return page.evaluate(
                            f"(function () {{ var h = document.querySelector('h1'); "
                            f"return !!h && h.textContent === {shown}; }})()")
                    except (RuntimeError, websocket.WebSocketException):
                        return False
                wait_for(visible, 30, f"the heading of edit {number}", step=0.002)
                # On screen: a frame drawn after the heading was in the document.
                page.evaluate("new Promise(function (r) { requestAnimationFrame(function () { "
                              "requestAnimationFrame(function () { r(true); }); }); })", await_promise=True)
                times.append((time.monotonic() - start) * 1000)
                print(f"edit {number}: {times[-1]:.0f} ms", flush=True)
            # A failed build: the overlay appears with the error, and goes with the next good build.
            time.sleep(1.5)
            with open(risk, "w") as f:
                f.write(original.replace("title: ", "title: [", 1))
            def overlay():
                try:
                    return page.evaluate("(function () { var box = document.querySelector('[role=alert]'); "
                                         "return box ? box.textContent : ''; })()")
                except (RuntimeError, websocket.WebSocketException):
                    return ""
            shown = wait_for(overlay, 30, "the error overlay", step=0.01)
            print(f"error overlay shown: {shown[:100]}")
            with open(risk, "w") as f:
                f.write(original)
            heading = json.dumps(re.search(r"^title: (.*)$", original, re.M).group(1))
            def cleared():
                try:
                    return page.evaluate(
                        f"(function () {{ var h = document.querySelector('h1'); return !!h && "
                        f"h.textContent === {heading} && !document.querySelector('[role=alert]'); }})()")
                except (RuntimeError, websocket.WebSocketException):
                    return False
            wait_for(cleared, 30, "the overlay to clear", step=0.01)
            print("error overlay cleared by the next good build")
        finally:
            with open(risk, "w") as f:
                f.write(original)
        built = [int(m) for m in re.findall(r"^Built .* in (\d+) ms", open(log_path).read(), re.M)][1:]
        print(f"save -> heading visible: median {statistics.median(times):.0f} ms, "
              f"min {min(times):.0f}, max {max(times):.0f} ms over {len(times)} edits")
        if built:
            print(f"serve's rebuilds: median {statistics.median(built):.0f} ms over {len(built)}")
    finally:
        if browser:
            browser.terminate()
            browser.wait()
        serve.terminate()
        try:
            serve.wait(timeout=15)
        except subprocess.TimeoutExpired:
            serve.kill()
            serve.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
