/// Every setting vitals reads, in the order `config init` writes them.
public enum ConfigSchema {
    public static let collectorNames = [
        "host", "cpu", "load", "memory", "vmstat", "pressure", "sensors", "disk", "filesystem", "network", "sockets",
        "processes", "cgroups", "kernel", "containers", "textfile",
    ]
    /// Collectors that run less often than every tick by default (see `StandardCollectors`).
    static let collectorDefaultIntervals: [String: Double] = ["filesystem": 5, "sockets": 30, "sensors": 2, "kernel": 5]
    public static let paneNames = ["cpu", "memory", "disk", "network", "processes"]

    /// The top-level sections, in file order.
    public static let sections = ["interval", "collectors", "containers", "history", "dashboard", "alerts", "server"]

    public static let settings: [SettingSpec] = general + collectors + containers + history + dashboard + alerts + server

    static let containers: [SettingSpec] = [
        SettingSpec("containers.socket", .string, default: nil, "The container runtime's Engine API socket (Docker's or Podman's). Default: DOCKER_HOST when it is unix://, else /var/run/docker.sock, /run/podman/podman.sock, $XDG_RUNTIME_DIR/podman/podman.sock.", needsRestart: true),
    ]

    static let general: [SettingSpec] = [
        SettingSpec("interval", .duration(0.1...3600), default: .duration(1), "Time between collections (and screen refreshes)."),
    ]

    static let collectors: [SettingSpec] = [
        SettingSpec("collectors.procfs_root", .directory, default: .string("/proc"), "Where /proc is read from (a host's /proc mounted in a container: /host/proc).", needsRestart: true),
        SettingSpec("collectors.sysfs_root", .directory, default: .string("/sys"), "Where /sys is read from.", needsRestart: true),
        SettingSpec("collectors.skip_filesystem_types", .list, default: .list([]), "Filesystem types to leave out, on top of the built-in pseudo filesystems.", needsRestart: true),
        SettingSpec("collectors.skip_interfaces", .list, default: .list([]), "Network interfaces to leave out, by name."),
    ] + collectorNames.flatMap { name in
        [
            SettingSpec("collectors.\(name).enabled", .bool, default: .bool(true), "Run the \(name) collector.", needsRestart: true),
            SettingSpec(
                "collectors.\(name).interval", .duration(0.1...86_400),
                default: collectorDefaultIntervals[name].map(SettingValue.duration),
                collectorDefaultIntervals[name] == nil ? "How often it runs (default: every tick)." : "How often it runs.", needsRestart: true
            ),
        ]
    } + [
        // Beside the textfile collector's own two, the last of the list, so the file keeps one `textfile:`.
        SettingSpec(
            "collectors.textfile.directory", .string, default: nil,
            "A directory of *.prom files (Prometheus' text format) read at each tick, as node_exporter's textfile collector: their series join vitals' own. Unset: no textfile collector.",
            needsRestart: true
        ),
    ]

    static let history: [SettingSpec] = [
        SettingSpec("history.persist", .bool, default: .bool(true), "Keep the coarse history in a file, so a restart shows the earlier hours.", needsRestart: true),
        SettingSpec("history.directory", .directory, default: nil, "Directory of the history file (default: $XDG_STATE_HOME/vitals, else ~/.local/state/vitals).", needsRestart: true),
        SettingSpec("history.raw", .duration(60...86_400), default: .duration(3600), "How long every tick's value is kept (in memory only).", needsRestart: true),
        SettingSpec("history.one_minute", .duration(3600...(365 * 86_400)), default: .duration(48 * 3600), "How long 1-minute buckets (min, max, sum, count) are kept.", needsRestart: true),
        SettingSpec("history.fifteen_minutes", .duration(86_400...(5 * 365 * 86_400)), default: .duration(30 * 86_400), "How long 15-minute buckets are kept.", needsRestart: true),
        SettingSpec("history.max_series", .int(10...100_000), default: .int(2000), "Most series held at once (new ones beyond it are counted and dropped).", needsRestart: true),
    ]

    /// The process table's column names (`ProcessColumn`'s raw values, which tests compare).
    public static let processColumns = ["pid", "user", "state", "nice", "cpu", "mem", "virt", "rss", "time", "threads", "io", "command"]

    static let dashboard: [SettingSpec] = [
        SettingSpec("dashboard.theme", .theme, default: .string("default"), "A built-in theme name or a theme file in btop's format."),
        SettingSpec("dashboard.colors", .choice(["auto", "truecolor", "256", "16", "8", "none"]), default: .string("auto"), "Colour depth: auto asks the terminal; none draws without colour (as NO_COLOR=1)."),
        SettingSpec("dashboard.glyphs", .choice(["auto", "braille", "blocks", "ascii"]), default: .string("auto"), "Graph and box characters: auto is braille when the locale is UTF-8 and ascii otherwise (LANG=C); blocks for fonts without braille."),
        SettingSpec("dashboard.panes", .choiceList(paneNames), default: .list(paneNames), "Panes shown at start, of cpu, memory, disk, network, processes (keys 1-5 toggle them)."),
        SettingSpec("dashboard.layout", .choice(["auto", "wide", "grid", "stacked", "strip", "compact"]), default: .string("auto"), "Layout at start (p cycles): auto picks by terminal size; a preset the terminal is too small for falls back to auto."),
        SettingSpec("dashboard.process_rows", .int(1...10_000), default: .int(200), "Most process rows kept for the table."),
        SettingSpec("dashboard.sort", .choice(["cpu", "memory", "io", "time", "virtual", "threads", "nice", "pid", "name", "user"]), default: .string("cpu"), "Order of the process table (< and > change it; P, M and T as in htop)."),
        SettingSpec("dashboard.columns", .choiceList(processColumns), default: .list(processColumns), "Process table columns, in order, of pid, user, state, nice, cpu, mem, virt, rss, time, threads, io, command (F2 chooses and saves them here; command is always shown)."),
        SettingSpec("dashboard.key_bar", .choice(["auto", "on", "off"]), default: .string("auto"), "The key bar on the bottom line, as htop's: auto shows it from 20 rows."),
        SettingSpec("dashboard.mouse", .bool, default: .bool(true), "Use the mouse: click a header to sort, a row to select; the wheel scrolls. false leaves the mouse to the terminal."),
        SettingSpec("dashboard.read_only", .bool, default: .bool(false), "Never send signals to processes (k is off)."),
    ]

    static let ruleFields: [SettingSpec] = [
        SettingSpec("name", .string, default: nil, "Alert name."),
        SettingSpec("expr", .string, default: nil, "Condition, such as node_load1 > 4."),
        SettingSpec("for", .duration(0...(30 * 86_400)), default: .duration(0), "How long the condition must hold before firing."),
        SettingSpec("keep_firing_for", .duration(0...(30 * 86_400)), default: .duration(0), "How long it keeps firing after the condition clears."),
        SettingSpec("clear", .double(-1e300...1e300), default: nil, "Threshold at which a firing alert clears (hysteresis)."),
        SettingSpec("cooldown", .duration(0...(30 * 86_400)), default: .duration(3600), "Least time between repeat notifications."),
        SettingSpec("severity", .choice(["info", "warning", "critical"]), default: .string("warning"), "Severity."),
        SettingSpec("labels", .list, default: .list([]), "Extra labels as key=value items."),
        SettingSpec("summary", .string, default: nil, "One-line text; {{ value }}, {{ host }} and labels are filled in."),
        SettingSpec("description", .string, default: nil, "Longer text, with the same fill-ins."),
    ]

    static let notifierFields: [SettingSpec] = [
        SettingSpec("type", .choice(["webhook", "slack", "email", "command"]), default: nil, "webhook (Alertmanager's JSON), slack (incoming webhook), email (through sendmail) or command (the JSON on its stdin)."),
        SettingSpec("url", .string, default: nil, "Webhook URL (webhook, slack).", secret: true),
        SettingSpec("headers", .list, default: .list([]), "Extra HTTP headers as \"Name: value\" items (webhook)."),
        SettingSpec("command", .string, default: nil, "Program and arguments: the sendmail-compatible mailer (email; default /usr/sbin/sendmail) or the command to run (command)."),
        SettingSpec("to", .list, default: .list([]), "Recipients (email)."),
        SettingSpec("from", .string, default: nil, "Sender address (email; default vitals@HOST)."),
        SettingSpec("timeout", .duration(0.1...300), default: .duration(10), "Time allowed per attempt."),
        SettingSpec("severities", .choiceList(["info", "warning", "critical"]), default: .list(["info", "warning", "critical"]), "Severities sent."),
        SettingSpec("group_wait", .duration(0...3600), default: .duration(10), "Alerts of one rule that fire (or resolve) within this time of each other go out as one notification listing them; 0: one notification each, at once."),
        SettingSpec("smarthost", .string, default: nil, "SMTP server as host:port (email): sent over SMTP instead of through command; port 587 for starttls, 465 for tls, 25 for none when left out."),
        SettingSpec("smtp_tls", .choice(["starttls", "tls", "none"]), default: .string("starttls"), "starttls (upgrade before anything is said; refused if the server does not offer it), tls (TLS from the first byte) or none (a relay on this host only; never with a password) (email)."),
        SettingSpec("auth_username", .string, default: nil, "SMTP user name (email); needs auth_password or auth_password_file."),
        SettingSpec("auth_password", .string, default: nil, "SMTP password (email).", secret: true),
        SettingSpec("ca_file", .readableFile, default: nil, "PEM certificates trusted besides the system's, for a private or self-signed SMTP server (email)."),
        SettingSpec("insecure_skip_verify", .bool, default: .bool(false), "Accept any certificate and host name from the SMTP server (email). Certificates are verified unless this is set."),
        SettingSpec("mention", .list, default: .list([]), "Who a firing message calls (slack): @here, @channel, user ids (U…) or user group ids (S…)."),
        SettingSpec("mention_severities", .choiceList(["info", "warning", "critical"]), default: .list(["critical"]), "Severities whose firing messages carry the mention (slack)."),
    ]

    static let alerts: [SettingSpec] = [
        SettingSpec("alerts.defaults", .bool, default: .bool(true), "Use the shipped default rules (CPU, memory, swap, filesystems, load, pressure, collectors)."),
        SettingSpec("alerts.rules", .records(ruleFields, required: ["name", "expr"]), default: .records([]), "Alert rules."),
        SettingSpec("alerts.notifiers", .records(notifierFields, required: ["type"]), default: .records([]), "Where notifications go."),
    ]

    static let server: [SettingSpec] = [
        SettingSpec("server.listen", .listenAddress, default: .string("127.0.0.1:19100"), "Address the agent listens on (outside 9100-9999, which Prometheus has handed out to exporters; node_exporter owns 9100).", needsRestart: true),
        SettingSpec("server.api_key", .string, default: nil, "Key clients must send (Authorization: Bearer KEY); required off loopback.", secret: true, needsRestart: true),
        SettingSpec("server.insecure_no_auth", .bool, default: .bool(false), "Allow a non-loopback address without an API key.", needsRestart: true),
        SettingSpec("server.max_connections", .int(1...100_000), default: .int(256), "Most open connections.", needsRestart: true),
        SettingSpec("server.max_request_bytes", .size(1024...(64 << 20)), default: .size(64 << 10), "Largest request accepted.", needsRestart: true),
        SettingSpec("server.max_stream_clients", .int(1...10_000), default: .int(100), "Most WebSocket stream clients (/api/v1/stream and /api/system/ws together) at once; the next is told why and closed with 1013.", needsRestart: true),
        SettingSpec("server.web_stream_rate", .int(1...100_000), default: .int(500), "Messages a second each /api/system/ws client receives at most; figures beyond are dropped (the next tick brings new ones), container statuses and alerts always go.", needsRestart: true),
        SettingSpec("server.stream_max_lag", .duration(1...3600), default: .duration(30), "A stream client that falls this far behind is closed (it loses intermediate frames before that, never the newest).", needsRestart: true),
        SettingSpec("server.log_format", .choice(["plain", "json"]), default: .string("plain"), "Agent log lines on stderr.", needsRestart: true),
        SettingSpec("server.rate_limit", .double(0...1_000_000), default: .double(20), "Requests a second each client address may make (a token bucket); beyond, 429 with Retry-After. 0: no limit. /healthz and /readyz are never limited.", needsRestart: true),
        SettingSpec("server.rate_burst", .int(1...1_000_000), default: .int(40), "Requests a client address may make at once before server.rate_limit applies.", needsRestart: true),
        SettingSpec("server.rate_limit_exempt", .list, default: .list([]), "Client addresses never rate-limited (the Prometheus servers that scrape this agent), such as 10.0.0.5.", needsRestart: true),
        SettingSpec("server.public_url", .string, default: nil, "Where people reach this agent's web page (https://vitals.example.com/); mails link to it.", needsRestart: true),
        SettingSpec("server.read_only", .bool, default: .bool(false), "Refuse every change through the API (creating or ending silences) with 403.", needsRestart: true),
    ]

    /// Every accepted path, secrets' `_file` forms included.
    public static let specsByPath: [String: SettingSpec] = {
        var out: [String: SettingSpec] = [:]
        for spec in settings {
            out[spec.path] = spec
            if spec.isSecret { out[spec.path + "_file"] = fileSpec(for: spec) }
        }
        return out
    }()

    static func fileSpec(for spec: SettingSpec) -> SettingSpec {
        SettingSpec(spec.path + "_file", .readableFile, default: nil, "File holding \(spec.name) (keeps it out of this file and of ps).", needsRestart: spec.needsRestart)
    }

    /// Record fields with secrets' `_file` forms.
    static func fields(_ specs: [SettingSpec]) -> [String: SettingSpec] {
        var out: [String: SettingSpec] = [:]
        for spec in specs {
            out[spec.path] = spec
            if spec.isSecret { out[spec.path + "_file"] = fileSpec(for: spec) }
        }
        return out
    }
}
