"""Starting/stopping the sample, and measuring what it holds: database, threads, file descriptors."""
from __future__ import annotations

import glob
import json
import os
import signal
import subprocess
import tempfile
import time
import urllib.request


class Database:
    def __init__(self, name: str, host: str = "127.0.0.1", user: str = "postgres"):
        self.name, self.host, self.user = name, host, user

    def sql(self, query: str, database: str | None = None) -> list[list[str]]:
        out = subprocess.run(["psql", "-h", self.host, "-U", self.user, "-d", database or self.name,
                              "-XqAt", "-F", "\t", "-c", query],
                             capture_output=True, text=True, timeout=60)
        if out.returncode != 0:
            raise RuntimeError(f"psql failed: {out.stderr.strip()}")
        return [line.split("\t") for line in out.stdout.splitlines() if line]

    def recreate(self):
        self.sql(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)', "postgres")
        self.sql(f'CREATE DATABASE "{self.name}"', "postgres")

    def max_order_id(self) -> int:
        try:
            return int(self.sql("SELECT coalesce(max(id), 0) FROM sample_orders")[0][0])
        except RuntimeError:
            return 0

    def orders_since(self, after_id: int) -> dict[int, str]:
        return {int(r[0]): r[1] for r in self.sql(f"SELECT id, status FROM sample_orders WHERE id > {after_id}")}

    def pending_total(self) -> int:
        return int(self.sql("SELECT count(*) FROM sample_orders WHERE status = 'PENDING'")[0][0])

    def columns(self, table: str) -> set[str]:
        return {r[0] for r in self.sql(
            f"SELECT column_name FROM information_schema.columns WHERE table_name = '{table}'")}

    def held_connections(self) -> tuple[int, int, str]:
        """(not idle, all) backends of the app's database, other than this query's own; and states."""
        rows = self.sql(f"SELECT coalesce(state, '?'), count(*) FROM pg_stat_activity WHERE datname = '{self.name}' "
                        f"AND pid <> pg_backend_pid() GROUP BY 1")
        states = {r[0]: int(r[1]) for r in rows}
        busy = sum(n for s, n in states.items() if s != "idle")
        return busy, sum(states.values()), ", ".join(f"{s}={n}" for s, n in sorted(states.items()))

    def terminate_backends(self) -> int:
        rows = self.sql(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{self.name}' "
                        f"AND pid <> pg_backend_pid()")
        return sum(1 for r in rows if r[0] == "t")


def find_jdk() -> str:
    """JDK 25 (or newer) home: $JAVA25_HOME, ~/.m2/toolchains.xml or the discovered cache, /usr/lib/jvm."""
    if os.environ.get("JAVA25_HOME"):
        return os.environ["JAVA25_HOME"]
    import re
    for f in (os.path.expanduser("~/.m2/toolchains.xml"), os.path.expanduser("~/.m2/discovered-jdk-toolchains-cache.xml")):
        if os.path.exists(f):
            text = open(f).read()
            for block in re.findall(r"<toolchain>(.*?)</toolchain>", text, re.S):
                v = re.search(r"<version>(\d+)", block)
                home = re.search(r"<jdkHome>(.*?)</jdkHome>", block)
                if v and home and int(v.group(1)) >= 25 and os.path.exists(home.group(1) + "/bin/java"):
                    return home.group(1)
    for home in sorted(glob.glob("/usr/lib/jvm/*25*")):
        if os.path.exists(home + "/bin/java"):
            return home
    raise SystemExit("No JDK 25 found: set JAVA25_HOME")


class App:
    """The sample: started by us (jar) or an already running one (url [+ pid])."""

    def __init__(self, host: str, port: int, pid: int | None = None, process=None, log=None):
        self.host, self.port, self.pid, self.process, self.log = host, port, pid, process, log

    @property
    def url(self):
        return f"http://{self.host}:{self.port}"

    @staticmethod
    def start(jar: str, port: int, database: str, properties: dict, log_path: str, startup_timeout=180) -> "App":
        jdk = find_jdk()
        jvm_options = os.environ.get("RELIABILITY_JVM_OPTIONS", "-XX:+UseSerialGC -Xmx1g").split()
        args = [f"{jdk}/bin/java", *jvm_options, "-jar", jar,
                "--spring.profiles.active=postgres", f"--sample.database={database}", f"--server.port={port}"]
        args += [f"--{k}={v}" for k, v in properties.items()]
        env = dict(os.environ, SAMPLE_DATABASE=database)
        log = open(log_path, "w")
        process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
        app = App("127.0.0.1", port, process.pid, process, log)
        app.log_path = log_path
        deadline = time.time() + startup_timeout
        while time.time() < deadline:
            if process.poll() is not None:
                raise SystemExit(f"The sample exited at startup (code {process.returncode}); see {log_path}")
            try:
                with urllib.request.urlopen(app.url + "/customers", timeout=2) as r:
                    if r.status == 200:
                        return app
            except Exception:
                pass
            time.sleep(0.5)
        app.stop()
        raise SystemExit(f"The sample did not answer GET /customers within {startup_timeout}s; see {log_path}")

    @staticmethod
    def pid_listening_on(port: int) -> int | None:
        try:
            out = subprocess.run(["ss", "-Hltnp", f"sport = :{port}"], capture_output=True, text=True).stdout
        except FileNotFoundError:
            return None
        import re
        m = re.search(r"pid=(\d+)", out)
        return int(m.group(1)) if m else None

    def stop(self):
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.log:
            self.log.close()
        self.process = None

    def log_summary(self) -> str | None:
        """ERROR lines and Netty buffer LEAK reports of the log of an app we started."""
        path = getattr(self, "log_path", None)
        if not path or not os.path.exists(path):
            return None
        errors = leaks = 0
        with open(path, errors="replace") as f:
            for line in f:
                if " ERROR " in line:
                    errors += 1
                if "LEAK:" in line:
                    leaks += 1
        return f"app log ({os.path.basename(path)}): {errors} ERROR lines, {leaks} Netty LEAK reports"

    def alive(self) -> bool:
        return self.pid is not None and os.path.exists(f"/proc/{self.pid}")

    def open_fds(self) -> int | None:
        try:
            return len(os.listdir(f"/proc/{self.pid}/fd"))
        except (OSError, TypeError):
            return None

    def request_threads(self) -> tuple[int | None, int | None, str]:
        """(live bridge-request* threads, live bridge-spawn* threads, note) from a JSON thread dump."""
        if not self.alive():
            return None, None, "no pid"
        jcmd = find_jdk() + "/bin/jcmd"
        fd, path = tempfile.mkstemp(suffix=".json", prefix="rel-threads-")
        os.close(fd)
        os.unlink(path)
        try:
            out = subprocess.run([jcmd, str(self.pid), "Thread.dump_to_file", "-format=json", path],
                                 capture_output=True, text=True, timeout=120)
            if out.returncode != 0 or not os.path.exists(path):
                return None, None, "jcmd failed: " + (out.stdout + out.stderr).strip()[:120]
            doc = json.load(open(path))
        except Exception as ex:
            return None, None, f"jcmd failed: {ex}"
        finally:
            if os.path.exists(path):
                os.unlink(path)
        names = []
        for container in doc.get("threadDump", {}).get("threadContainers", []):
            for thread in container.get("threads", []):
                names.append(thread.get("name", ""))
        return (sum(1 for n in names if n.startswith("bridge-request")),
                sum(1 for n in names if n.startswith("bridge-spawn")), "")
