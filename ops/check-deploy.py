#!/usr/bin/env python3
"""Static checks of the deployment files: Dockerfile, .dockerignore, render.yaml, docker-compose.yml.

No Docker engine is needed. Exits 1 (and lists every problem) when a file is broken or drifts from what the app
expects: the roles, the health endpoint, the port, and the environment variables application.properties reads.

    python3 ops/check-deploy.py              # check the files in the repository
    python3 ops/check-deploy.py --self-test  # also prove each check fails on a broken copy of the files

Needs PyYAML (Debian: python3-yaml). Runs `docker-compose config` / `docker compose config` where one exists.
"""
import fnmatch
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

try:
    import yaml
except ImportError:  # pragma: no cover - .ci/run installs python3-yaml first
    sys.exit("check-deploy: PyYAML is missing (apt-get install python3-yaml)")

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
ROLES = ("web", "worker", "scheduler")

# Required by seed 000 (the Render layout) plus the distributed mode's two connections.
SEED_REQUIRED = ["REDIS_URL", "DATABASE_URL", "AIRTABLE_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY",
                 "AIRTABLE_BASE_ID", "AI_EDITOR_BASE_ID", "TRIGGER_SECRET", "OPENAI_API_KEY", "CLOUDINARY_URL"]
# Variables application.properties reads that render.yaml leaves out on purpose, with the reason.
RENDER_OMITTED = {
    "PORT": "Render sets it for web services; workers use the default 8080",
    "ANTHROPIC_BASE_URL": "vendor default host",
    "GEMINI_BASE_URL": "vendor default host",
    "OPENAI_BASE_URL": "vendor default host",
    "SMTP_HOST": "delivery is Mautic on Render",
    "SMTP_PORT": "delivery is Mautic on Render",
    "SMTP_USERNAME": "delivery is Mautic on Render",
    "SMTP_PASSWORD": "delivery is Mautic on Render",
    "MAUTIC_USERNAME": "Basic auth alternative; Render uses OAuth2 client credentials",
    "MAUTIC_PASSWORD": "Basic auth alternative; Render uses OAuth2 client credentials",
}
# Properties that env vars override by name (upper case, dots/dashes as underscores), read by the app.
PROPERTY_ENV = ["JOLOKIA_USERNAME", "JOLOKIA_PASSWORD"]
SECRET_NAME = re.compile(r"(KEY|SECRET|PASSWORD|TOKEN)$|^CLOUDINARY_URL$|^DATABASE_URL$|^REDIS_URL$")

# Blueprint fields this file may use, per kind (render.com/docs/blueprint-spec); a typo is an error.
SERVICE_FIELDS = {"type", "name", "runtime", "plan", "region", "dockerfilePath", "dockerContext", "dockerCommand",
                  "healthCheckPath", "numInstances", "envVars", "autoDeploy", "branch", "rootDir", "scaling",
                  "preDeployCommand", "disk", "buildFilter", "maxShutdownDelaySeconds", "previews", "domains",
                  "ipAllowList", "maxmemoryPolicy", "registryCredential", "image"}
DATABASE_FIELDS = {"name", "databaseName", "user", "plan", "region", "postgresMajorVersion", "ipAllowList",
                   "diskSizeGB", "highAvailability", "readReplicas", "previewPlan"}
ENV_SOURCES = {"value", "generateValue", "sync", "fromDatabase", "fromService", "fromGroup"}


class Report:
    def __init__(self):
        self.errors = []
        self.notes = []

    def check(self, ok, message):
        if not ok:
            self.errors.append(message)
        return ok

    def note(self, message):
        self.notes.append(message)


def read(files, name):
    if name not in files:
        path = os.path.join(ROOT, name)
        files[name] = open(path, encoding="utf-8").read() if os.path.exists(path) else None
    return files[name]


# --- application.properties ------------------------------------------------------------------------------------

def app_facts(files):
    props_text = read(files, "application.properties") or ""
    env_vars = sorted(set(re.findall(r"\{\{env:([A-Z0-9_]+)", props_text)))
    props = {}
    for line in props_text.splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, _, value = line.partition("=")
            props[key.strip()] = value.strip()
    management = props.get("camel.management.path", "/observe")  # Camel 4's default management path
    port = re.search(r"\{\{env:PORT:(\d+)\}\}", props.get("camel.server.port", ""))
    return {
        "env_vars": env_vars,
        "health_ready": management.rstrip("/") + "/health/ready",
        "health_live": management.rstrip("/") + "/health/live",
        "port": port.group(1) if port else None,
    }


# --- Dockerfile ----------------------------------------------------------------------------------------------------

def dockerfile_instructions(text):
    """(INSTRUCTION, arguments) in order, continuation lines joined, comments dropped."""
    out, current = [], ""
    for raw in text.splitlines():
        line = raw.strip()
        if not current and (not line or line.startswith("#")):
            continue
        if current and line.startswith("#"):
            continue
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        current += line
        word, _, rest = current.partition(" ")
        out.append((word.upper(), rest.strip()))
        current = ""
    if current:
        out.append(("<UNTERMINATED>", current))
    return out


def dockerignore_patterns(text):
    pats = []
    for line in (text or "").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            pats.append(line.rstrip("/"))
    return pats


def ignored(path, patterns):
    """Docker's rule, simplified: a path is out when it or one of its parents matches a pattern (last match wins)."""
    parts = path.strip("/").split("/")
    result = False
    for pat in patterns:
        negate = pat.startswith("!")
        p = pat[1:] if negate else pat
        for i in range(1, len(parts) + 1):
            prefix = "/".join(parts[:i])
            if fnmatch.fnmatchcase(prefix, p):
                result = not negate
                break
    return result


def check_dockerfile(files, facts, r):
    text = read(files, "Dockerfile")
    if not r.check(text is not None, "Dockerfile: missing"):
        return
    ins = dockerfile_instructions(text)
    r.check(all(i[0] != "<UNTERMINATED>" for i in ins), "Dockerfile: a line continuation runs off the end")
    known = {"FROM", "RUN", "COPY", "ADD", "ENV", "ARG", "WORKDIR", "USER", "EXPOSE", "HEALTHCHECK", "ENTRYPOINT",
             "CMD", "LABEL", "VOLUME", "STOPSIGNAL", "SHELL", "ONBUILD"}
    for word, _ in ins:
        r.check(word in known, f"Dockerfile: unknown instruction {word}")
    froms = [(n, a) for n, (w, a) in enumerate(ins) if w == "FROM"]
    if not r.check(len(froms) >= 2, "Dockerfile: not multi-stage (needs a build stage and a run stage)"):
        return
    r.check(ins[0][0] in ("FROM", "ARG"), "Dockerfile: must start with FROM")
    build_from = froms[0][1].split()
    r.check(re.match(r"maven:3\.9[^ ]*-eclipse-temurin-17", build_from[0]) is not None,
            f"Dockerfile: build stage should be an official Maven + Temurin 17 image, is {build_from[0]}")
    stage = build_from[2] if len(build_from) >= 3 and build_from[1].upper() == "AS" else None
    r.check(stage is not None, "Dockerfile: the build stage needs a name (FROM ... AS build)")
    run_from = froms[-1][1].split()[0]
    r.check(re.match(r"eclipse-temurin:17[^ ]*-jre", run_from) is not None or run_from == "eclipse-temurin:17-jre",
            f"Dockerfile: run stage should be the Temurin 17 JRE, is {run_from}")

    build = ins[froms[0][0] + 1:froms[-1][0]]
    run = ins[froms[-1][0] + 1:]
    build_text = [f"{w} {a}" for w, a in build]

    def index(lines, pattern):
        return next((i for i, line in enumerate(lines) if re.search(pattern, line)), -1)

    offline = index(build_text, r"^RUN .*\./mvnw -B -q dependency:go-offline")
    copy_src = index(build_text, r"^COPY +src/? ")
    package = index(build_text, r"^RUN .*\./mvnw -B -q package -DskipTests")
    copy_pom = index(build_text, r"^COPY .*pom\.xml")
    copy_mvn = index(build_text, r"^COPY +\.mvn")
    r.check(offline >= 0, "Dockerfile: build stage must pre-fetch with ./mvnw -B -q dependency:go-offline")
    r.check(package >= 0, "Dockerfile: build stage must run ./mvnw -B -q package -DskipTests")
    r.check(0 <= copy_pom < offline and 0 <= copy_mvn < offline,
            "Dockerfile: pom.xml, mvnw and .mvn/ must be copied before dependency:go-offline (layer cache)")
    r.check(offline < copy_src < package, "Dockerfile: COPY src must come after go-offline and before package")
    r.check(index(build_text, r"^COPY .*application\.properties") >= 0 and
            index(build_text, r"^COPY .*application\.properties") < package,
            "Dockerfile: pom.xml packs application.properties into the jar: copy it before package")

    run_text = [f"{w} {a}" for w, a in run]
    users = [a for w, a in run if w == "USER"]
    r.check(bool(users), "Dockerfile: run stage has no USER (would run as root)")
    if users:
        r.check(users[-1].split(":")[0] not in ("root", "0"), f"Dockerfile: runs as root ({users[-1]})")
        r.check(index(run_text, rf"useradd .*--uid 10001 .*{re.escape(users[-1].split(':')[0])}") >= 0,
                "Dockerfile: the run user must be created with uid 10001")
        user_at = max(i for i, (w, _) in enumerate(run) if w == "USER")
        r.check(all(w != "RUN" for w, _ in run[user_at + 1:]), "Dockerfile: RUN after USER (root steps go first)")
    r.check(("WORKDIR", "/app") in run, "Dockerfile: run stage WORKDIR must be /app")
    for what, pattern in [("the jar", rf"^COPY --from={stage} .*ai-editor\.jar"),
                          ("routes/", r"^COPY routes/? "), ("samples/", r"^COPY samples/? "),
                          ("application.properties", r"^COPY application\.properties ")]:
        r.check(index(run_text, pattern) >= 0, f"Dockerfile: run stage does not copy {what}")
    r.check(index(run_text, r"mkdir -p /app/data") >= 0 and index(run_text, r"chown .*app:app /app/data") >= 0,
            "Dockerfile: /app/data must exist and belong to app")
    for line in run_text:
        if "apt-get install" in line:
            r.check("--no-install-recommends" in line, "Dockerfile: apt-get install without --no-install-recommends")
            r.check("rm -rf /var/lib/apt/lists" in line, "Dockerfile: apt lists not cleaned in the same RUN")
            r.check("apt-get update" in line, "Dockerfile: apt-get install without apt-get update in the same RUN")
    env_text = " ".join(a for w, a in run if w == "ENV")
    r.check(f"PORT={facts['port']}" in env_text, f"Dockerfile: ENV PORT={facts['port']} missing")
    r.check(("EXPOSE", facts["port"]) in run, f"Dockerfile: EXPOSE {facts['port']} missing")
    for flag in ("-XX:MaxRAMPercentage=25", "-XX:+ExitOnOutOfMemoryError", "-XX:SharedArchiveFile=/app/ai-editor.jsa"):
        r.check(flag in env_text, f"Dockerfile: JVM flag {flag} missing")
    health = [a for w, a in run if w == "HEALTHCHECK"]
    r.check(bool(health), "Dockerfile: no HEALTHCHECK")
    if health:
        r.check(facts["health_ready"] in health[-1],
                f"Dockerfile: HEALTHCHECK must probe {facts['health_ready']} (the app's readiness endpoint)")
        probe = health[-1].split("CMD", 1)[-1].split()[0]
        r.check(probe != "curl" or index(run_text, r"apt-get install .*\bcurl\b") >= 0,
                "Dockerfile: HEALTHCHECK uses curl but the run stage does not install it")
    entry = [a for w, a in run if w == "ENTRYPOINT"]
    cmd = [a for w, a in run if w == "CMD"]
    r.check(bool(entry) and entry[-1].startswith("["), "Dockerfile: ENTRYPOINT must be in exec (JSON) form")
    r.check(bool(cmd) and cmd[-1].replace(" ", "") == '["serve"]', 'Dockerfile: CMD must be ["serve"]')

    # Every COPY source from the context exists and survives .dockerignore.
    patterns = dockerignore_patterns(read(files, ".dockerignore"))
    r.check(read(files, ".dockerignore") is not None, ".dockerignore: missing")
    for must in (".git", "target", "data", "bench/results"):
        r.check(must in patterns, f".dockerignore: {must} should be excluded")
    for w, a in ins:
        if w not in ("COPY", "ADD") or "--from=" in a:
            continue
        args = [x for x in a.split() if not x.startswith("--")]
        for src in args[:-1]:
            r.check(os.path.exists(os.path.join(ROOT, src)), f"Dockerfile: COPY source {src} does not exist")
            r.check(not ignored(src, patterns), f"Dockerfile: COPY source {src} is excluded by .dockerignore")

    # The entry script the ENTRYPOINT names.
    if entry and entry[-1].startswith("["):
        try:
            target = yaml.safe_load(entry[-1])[0]
        except Exception:
            target = None
        copies = {a.split()[-1]: a.split()[-2] for w, a in run if w == "COPY" and "--from=" not in a}
        if target and target != "java":
            src = copies.get(target)
            r.check(src is not None, f"Dockerfile: ENTRYPOINT {target} is not copied into the image")
            if src:
                script = read(files, src)
                r.check(script is not None, f"{src}: missing")
                if script is not None:
                    r.check(os.access(os.path.join(ROOT, src), os.X_OK),
                            f"{src}: not executable (git mode 755 is what COPY keeps)")
                    r.check(re.search(r"exec java .*-jar /app/ai-editor\.jar \"\$@\"", script) is not None,
                            f"{src}: must exec java -jar /app/ai-editor.jar with the arguments")
                    r.check("JAVA_OPTS" in script, f"{src}: must pass JAVA_OPTS (the container's JVM flags)")
                    if shutil.which("sh"):
                        res = subprocess.run(["sh", "-n"], input=script, text=True, capture_output=True)
                        r.check(res.returncode == 0, f"{src}: sh -n says {res.stderr.strip()}")


# --- render.yaml ---------------------------------------------------------------------------------------------------

def load_yaml(files, name, r):
    text = read(files, name)
    if not r.check(text is not None, f"{name}: missing"):
        return None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        r.check(False, f"{name}: not valid YAML: {e}")
        return None
    r.check(isinstance(data, dict), f"{name}: top level must be a mapping")
    return data if isinstance(data, dict) else None


def role_of(command):
    words = shlex.split(command or "")
    if "--role" in words and words.index("--role") + 1 < len(words) and "serve" in words:
        return words[words.index("--role") + 1]
    return None


def check_env_entry(where, e, groups, r):
    if not r.check(isinstance(e, dict), f"render.yaml: {where}: envVars entry is not a mapping"):
        return None
    sources = [k for k in e if k in ENV_SOURCES]
    r.check(set(e) <= ENV_SOURCES | {"key"}, f"render.yaml: {where}: unknown envVars field(s) "
                                             f"{sorted(set(e) - ENV_SOURCES - {'key'})}")
    if "fromGroup" in e:
        r.check(e["fromGroup"] in groups, f"render.yaml: {where}: fromGroup {e['fromGroup']} is not defined")
        return None
    key = e.get("key")
    r.check(bool(key), f"render.yaml: {where}: envVars entry without key")
    r.check(len(sources) == 1, f"render.yaml: {where}: {key} needs exactly one source, has {sources}")
    if "sync" in e:
        r.check(e["sync"] is False, f"render.yaml: {where}: {key}: sync must be false")
    if "generateValue" in e:
        r.check(e["generateValue"] is True, f"render.yaml: {where}: {key}: generateValue must be true")
    if key and SECRET_NAME.search(key) and key not in ("JOLOKIA_USERNAME",):
        r.check("value" not in e, f"render.yaml: {where}: secret {key} has a literal value (use sync: false)")
    if "value" in e:
        r.check(isinstance(e["value"], str), f"render.yaml: {where}: {key}: value must be a string (quote it)")
    return key


def check_render(files, facts, r):
    data = load_yaml(files, "render.yaml", r)
    if data is None:
        return
    r.check(set(data) <= {"services", "databases", "envVarGroups", "projects", "ungrouped", "previews", "version"},
            f"render.yaml: unknown top-level keys {sorted(set(data) - {'services', 'databases', 'envVarGroups'})}")
    services = data.get("services") or []
    databases = data.get("databases") or []
    groups = {g.get("name"): g for g in (data.get("envVarGroups") or []) if isinstance(g, dict)}
    names = [s.get("name") for s in services if isinstance(s, dict)]
    r.check(len(names) == len(set(names)), "render.yaml: duplicate service names")
    db_names = {d.get("name") for d in databases if isinstance(d, dict)}
    kv_names = {s.get("name") for s in services if isinstance(s, dict) and s.get("type") == "keyvalue"}

    r.check(len(databases) == 1, "render.yaml: expected one PostgreSQL database under databases:")
    for d in databases:
        r.check(set(d) <= DATABASE_FIELDS, f"render.yaml: database {d.get('name')}: unknown fields "
                                           f"{sorted(set(d) - DATABASE_FIELDS)}")
        r.check(bool(d.get("name")), "render.yaml: database without name")
    r.check(len(kv_names) == 1, "render.yaml: expected one Key Value service (type: keyvalue)")
    for s in services:
        if s.get("type") == "keyvalue":
            r.check(isinstance(s.get("ipAllowList"), list), "render.yaml: keyvalue needs ipAllowList (a list)")
            r.check(s.get("maxmemoryPolicy") == "noeviction",
                    "render.yaml: a job queue's Key Value must use maxmemoryPolicy noeviction")

    group_keys = set()
    for gname, g in groups.items():
        for e in g.get("envVars") or []:
            r.check(not any(k in e for k in ("fromDatabase", "fromService", "fromGroup")),
                    f"render.yaml: group {gname}: env groups cannot reference databases or services")
            k = check_env_entry(f"group {gname}", e, groups, r)
            if k:
                group_keys.add(k)

    by_role = {}
    for s in services:
        if not isinstance(s, dict):
            r.check(False, "render.yaml: a service entry is not a mapping")
            continue
        name = s.get("name")
        r.check(set(s) <= SERVICE_FIELDS, f"render.yaml: {name}: unknown fields {sorted(set(s) - SERVICE_FIELDS)}")
        r.check(s.get("type") in ("web", "worker", "pserv", "cron", "keyvalue"), f"render.yaml: {name}: bad type")
        if s.get("type") == "keyvalue":
            continue
        r.check(s.get("runtime") == "docker", f"render.yaml: {name}: runtime must be docker")
        path = s.get("dockerfilePath", "./Dockerfile")
        r.check(os.path.exists(os.path.join(ROOT, path)), f"render.yaml: {name}: dockerfilePath {path} not found")
        role = role_of(s.get("dockerCommand"))
        r.check(role in ROLES, f"render.yaml: {name}: dockerCommand must be `serve --role web|worker|scheduler`")
        r.check(role not in by_role, f"render.yaml: two services run role {role}")
        by_role[role] = s
        keys = set(group_keys) if any("fromGroup" in e for e in s.get("envVars") or []) else set()
        for e in s.get("envVars") or []:
            k = check_env_entry(name, e, groups, r)
            if k:
                keys.add(k)
        env = {e.get("key"): e for e in s.get("envVars") or [] if isinstance(e, dict)}
        db = env.get("DATABASE_URL", {}).get("fromDatabase") or {}
        r.check(db.get("name") in db_names and db.get("property") == "connectionString",
                f"render.yaml: {name}: DATABASE_URL must be fromDatabase {{name: <the database>, "
                f"property: connectionString}}")
        kv = env.get("REDIS_URL", {}).get("fromService") or {}
        r.check(kv.get("type") == "keyvalue" and kv.get("name") in kv_names and kv.get("property") == "connectionString",
                f"render.yaml: {name}: REDIS_URL must be fromService {{type: keyvalue, name: <the Key Value>, "
                f"property: connectionString}}")
        wanted = set(SEED_REQUIRED) | set(PROPERTY_ENV) | (set(facts["env_vars"]) - set(RENDER_OMITTED))
        missing = sorted(wanted - keys)
        r.check(not missing, f"render.yaml: {name}: environment variables the app reads are missing: {missing}")

    for role in ROLES:
        r.check(role in by_role, f"render.yaml: no service runs `serve --role {role}`")
    web, worker, sched = by_role.get("web"), by_role.get("worker"), by_role.get("scheduler")
    if web:
        r.check(web.get("type") == "web", "render.yaml: the web role must be a web service")
        r.check(web.get("healthCheckPath") == facts["health_ready"],
                f"render.yaml: healthCheckPath must be {facts['health_ready']}")
    if worker:
        r.check(worker.get("type") == "worker", "render.yaml: the worker role must be a worker service")
        r.check(isinstance(worker.get("numInstances"), int) and worker["numInstances"] >= 1,
                "render.yaml: worker numInstances must be a number >= 1")
    if sched:
        r.check(sched.get("type") == "worker", "render.yaml: the scheduler role must be a worker service")
        r.check(isinstance(sched.get("numInstances"), int) and sched["numInstances"] >= 1,
                "render.yaml: the scheduler needs numInstances >= 1 (more only stand by: Quartz is clustered)")
        r.check("scaling" not in sched, "render.yaml: the scheduler must not autoscale")
    text = read(files, "render.yaml")
    r.check(re.search(r"#.*exactly one job", text or "", re.I) is not None,
            "render.yaml: say that each cron fire produces exactly one job however many schedulers run")


# --- docker-compose.yml --------------------------------------------------------------------------------------------

def check_compose(files, facts, r, run_tool=True):
    data = load_yaml(files, "docker-compose.yml", r)
    if data is None:
        return
    services = data.get("services") or {}
    for name in ("postgres", "redis", "web", "worker", "scheduler"):
        r.check(name in services, f"docker-compose.yml: service {name} missing")
    pg, rd = services.get("postgres") or {}, services.get("redis") or {}
    r.check(str(pg.get("image", "")).startswith("postgres:16"), "docker-compose.yml: postgres must be postgres:16")
    r.check("pg_isready" in str((pg.get("healthcheck") or {}).get("test")),
            "docker-compose.yml: postgres needs a pg_isready healthcheck")
    r.check(str(rd.get("image", "")).startswith("redis:7"), "docker-compose.yml: redis must be redis:7")
    r.check("redis-cli" in str((rd.get("healthcheck") or {}).get("test")) and
            "ping" in str((rd.get("healthcheck") or {}).get("test")),
            "docker-compose.yml: redis needs a redis-cli ping healthcheck")
    pg_env = pg.get("environment") or {}
    for role in ROLES:
        s = services.get(role) or {}
        build = s.get("build")
        context = build.get("context") if isinstance(build, dict) else build
        r.check(context in (".", "./"), f"docker-compose.yml: {role} must build from the Dockerfile (context .)")
        r.check(role_of(" ".join(s.get("command") or []) if isinstance(s.get("command"), list)
                        else s.get("command")) == role, f"docker-compose.yml: {role} must run serve --role {role}")
        env = s.get("environment") or {}
        if isinstance(env, list):
            env = dict(x.split("=", 1) for x in env)
        r.check(env.get("DATABASE_URL") == "postgresql://aieditor:aieditor@postgres:5432/aieditor",
                f"docker-compose.yml: {role}: DATABASE_URL must be postgresql://aieditor:aieditor@postgres:5432/aieditor")
        r.check(env.get("REDIS_URL") == "redis://redis:6379", f"docker-compose.yml: {role}: REDIS_URL must be redis://redis:6379")
        ts = str(env.get("TRIGGER_SECRET", ""))
        r.check(re.fullmatch(r"\$\{TRIGGER_SECRET:-[^}]*not-a-secret[^}]*\}", ts) is not None,
                f"docker-compose.yml: {role}: TRIGGER_SECRET must come from the host with an obvious placeholder")
        deps = s.get("depends_on") or {}
        for dep in ("postgres", "redis"):
            r.check(isinstance(deps, dict) and (deps.get(dep) or {}).get("condition") == "service_healthy",
                    f"docker-compose.yml: {role} must wait for {dep} to be healthy")
    r.check(pg_env.get("POSTGRES_USER") == "aieditor" and pg_env.get("POSTGRES_PASSWORD") == "aieditor"
            and pg_env.get("POSTGRES_DB") == "aieditor", "docker-compose.yml: postgres credentials must match DATABASE_URL")
    web = services.get("web") or {}
    r.check(f"{facts['port']}:{facts['port']}" in [str(p) for p in web.get("ports") or []],
            f"docker-compose.yml: web must publish {facts['port']}:{facts['port']}")
    for role in ("worker", "scheduler"):
        r.check(not (services.get(role) or {}).get("ports"), f"docker-compose.yml: {role} must not publish ports")
    worker = services.get("worker") or {}
    r.check(((worker.get("deploy") or {}).get("replicas") or 1) >= 2, "docker-compose.yml: worker replicas 2")
    r.check(((services.get("scheduler") or {}).get("deploy") or {}).get("replicas", 1) == 1,
            "docker-compose.yml: exactly one scheduler")

    if not run_tool:
        return
    tools = compose_clients()
    ran = False
    for tool in tools:
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(ROOT, "docker-compose.yml")
            if files.get("docker-compose.yml") is not None and "_from_disk" not in files:
                path = os.path.join(tmp, "docker-compose.yml")
                with open(path, "w") as f:
                    f.write(files["docker-compose.yml"])
            res = subprocess.run(tool + ["-f", path, "--project-directory", ROOT, "config", "-q"],
                                 capture_output=True, text=True, env={**os.environ, "TRIGGER_SECRET": ""})
        ran = True
        r.check(res.returncode == 0, f"docker-compose.yml: `{' '.join(tool)} config` failed: {res.stderr.strip()}")
        r.note(f"`{' '.join(tool)} config -q` validated docker-compose.yml")
        break
    if not ran:
        r.note("no Compose client (docker compose / docker-compose): compose schema validation skipped")


def compose_clients():
    """Compose clients that work here: the docker CLI's compose plugin (v2) and/or docker-compose (v1)."""
    tools = []
    if shutil.which("docker"):
        res = subprocess.run(["docker", "compose", "version"], capture_output=True, text=True)
        if res.returncode == 0:
            tools.append(["docker", "compose"])
    if shutil.which("docker-compose"):
        tools.append(["docker-compose"])
    return tools


def run_checks(files, run_tool=True):
    r = Report()
    facts = app_facts(files)
    check_dockerfile(files, facts, r)
    check_render(files, facts, r)
    check_compose(files, facts, r, run_tool)
    return r


# --- self-test: each broken copy must fail -------------------------------------------------------------------------

def self_test():
    base = {}
    for name in ("application.properties", "Dockerfile", ".dockerignore", "render.yaml", "docker-compose.yml"):
        read(base, name)
    sub = lambda name, old, new: (name, lambda t: t.replace(old, new, 1) if old in t else None)
    cases = [
        ("run stage as root", sub("Dockerfile", "\nUSER app\n", "\n")),
        ("no HEALTHCHECK", ("Dockerfile", lambda t: re.sub(r"\nHEALTHCHECK[^\n]*\\\n[^\n]*\n", "\n", t))),
        ("single stage", ("Dockerfile", lambda t: t.replace("FROM eclipse-temurin:17-jre", "USER root", 1))),
        ("wrong health path", sub("Dockerfile", "/observe/health/ready", "/health")),
        ("CMD not serve", sub("Dockerfile", 'CMD ["serve"]', 'CMD ["run"]')),
        ("src ignored", sub(".dockerignore", "target/\n", "target/\nsrc/\n")),
        ("YAML syntax", sub("render.yaml", "services:\n", "services:\n  - type: [web\n")),
        ("no scheduler instance", ("render.yaml", lambda t: re.sub(r"(--role scheduler\n    numInstances: )1", r"\g<1>0", t))),
        ("health path typo", sub("render.yaml", "healthCheckPath: /observe/health/ready", "healthCheckPath: /health")),
        ("field typo", sub("render.yaml", "healthCheckPath:", "healthcheckPath:")),
        ("REDIS_URL unwired", sub("render.yaml", "property: connectionString\n      - fromGroup", "property: host\n      - fromGroup")),
        ("secret in clear", sub("render.yaml", "- key: GEMINI_API_KEY\n        sync: false", "- key: GEMINI_API_KEY\n        value: AIza123")),
        ("missing key", ("render.yaml", lambda t: re.sub(r"\n      - key: CLOUDINARY_URL\n        sync: false", "", t))),
        ("keyvalue without ipAllowList", sub("render.yaml", "    ipAllowList: []\n\ndatabases", "\ndatabases")),
        ("no role web", sub("render.yaml", "dockerCommand: /app/bin/ai-editor serve --role web",
                            "dockerCommand: /app/bin/ai-editor serve")),
        ("compose no healthcheck", sub("docker-compose.yml", "pg_isready", "true")),
        ("compose wrong URL", sub("docker-compose.yml", "redis://redis:6379", "redis://localhost:6379")),
        ("compose no role", sub("docker-compose.yml", '["serve", "--role", "scheduler"]', '["serve"]')),
        ("compose bad condition", sub("docker-compose.yml", "condition: service_healthy\n    redis", "condition: service_up\n    redis")),
        # Only a Compose client catches this one (schema: no such field); skipped without a client.
        ("compose unknown field", sub("docker-compose.yml", "  redis:\n    image: redis:7\n",
                                      "  redis:\n    image: redis:7\n    restart_policy: always\n")),
        ("compose indentation", sub("docker-compose.yml", "  postgres:\n    image", "  postgres:\n image")),
    ]
    failures = 0
    have_client = bool(compose_clients())
    for label, (name, mutate) in cases:
        if label == "compose unknown field" and not have_client:
            print(f"[self-test] {label}: skipped (no Compose client)")
            continue
        files = dict(base)
        changed = mutate(base[name])
        if changed is None or changed == base[name]:
            print(f"[self-test] {label}: the mutation did not apply (the check would test nothing)")
            failures += 1
            continue
        files[name] = changed
        r = run_checks(files, run_tool=(label == "compose unknown field"))
        if r.errors:
            print(f"[self-test] {label}: caught ({r.errors[0].splitlines()[0]})")
        else:
            print(f"[self-test] {label}: NOT caught")
            failures += 1
    return failures


def main():
    files = {"_from_disk": True}
    r = run_checks(files)
    for n in r.notes:
        print(f"[check-deploy] {n}")
    for e in r.errors:
        print(f"[check-deploy] ERROR {e}")
    status = 1 if r.errors else 0
    if not r.errors:
        print("[check-deploy] Dockerfile, .dockerignore, render.yaml and docker-compose.yml: OK")
    if "--self-test" in sys.argv:
        failed = self_test()
        print(f"[check-deploy] self-test: {failed} broken copies not caught" if failed
              else "[check-deploy] self-test: every broken copy was caught")
        status = status or (1 if failed else 0)
    return status


if __name__ == "__main__":
    sys.exit(main())
