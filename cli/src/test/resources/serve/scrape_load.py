"""Scrapes a metrics endpoint at a steady rate from several clients at once, for a bounded time.

usage: scrape_load.py URL CLIENTS RATE SECONDS SERIES

CLIENTS threads share one schedule of RATE scrapes a second for SECONDS seconds: scrape i is due i/RATE
seconds after the start, and the first idle thread takes the next one due. A scrape that is late (every
thread was busy when it fell due) starts at once; none starts after SECONDS, so a server slower than the
schedule gets fewer scrapes, not a longer run. Each scrape opens a connection of its own (urllib, as a
scraper that does not keep connections alive). For every scrape one line on stdout:

  scrape CLIENT DUE_S LATE_MS STATUS LATENCY_MS VALUE ERROR

DUE_S is when it was due (seconds from the start), LATE_MS how long after that it started, LATENCY_MS from
the request's start to the body's end, VALUE the value of the series named SERIES (the whole text before the
value, e.g. a name with its labels) in the body, or "-" when the body has no such line; ERROR is "-" or the
failure, spaces replaced. At the end "done SCRAPES SCHEDULED ELAPSED_S": the scrapes started, the scrapes
the schedule held, and the seconds from the start to the last answer. Only the Python standard library is used.
"""
import sys
import threading
import time
import urllib.error
import urllib.request

url, clients, rate, seconds, series = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), \
    sys.argv[5]
prefix = series + " "
total = int(rate * seconds)
lock = threading.Lock()
next_index = [0]
out_lock = threading.Lock()
start = time.monotonic()


def value_of(body):
    for line in body.splitlines():
        if line.startswith(prefix):
            return line[len(prefix):].split()[0]
    return "-"


def client(number):
    while True:
        with lock:
            i = next_index[0]
            if i >= total or time.monotonic() - start >= seconds:
                return
            next_index[0] += 1
        due = start + i / rate
        now = time.monotonic()
        if due > now:
            time.sleep(due - now)
        began = time.monotonic()
        status, value, error = 0, "-", "-"
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                status = response.status
                value = value_of(response.read().decode("utf-8"))
        except urllib.error.HTTPError as e:
            status = e.code
            error = "http-" + str(e.code)
        except (OSError, ValueError) as e:
            error = (type(e).__name__ + ":" + str(e)).replace(" ", "_") or "failure"
        ended = time.monotonic()
        with out_lock:
            print("scrape %d %.3f %.1f %d %.1f %s %s" % (number, due - start, 1000 * (began - due), status,
                                                           1000 * (ended - began), value, error), flush=True)


threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("done %d %d %.2f" % (min(next_index[0], total), total, time.monotonic() - start), flush=True)
