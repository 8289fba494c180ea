import Rendering
import VitalsCore

/// Everything the dashboard knows between frames, apart from history (which lives in the store).
public struct AppState: Sendable, Equatable {
    /// Why the run loop stopped.
    public enum Exit: Sendable, Equatable {
        case quitKey
        case signal(Int32)
        case hangup
    }

    public var width: Int
    public var height: Int
    public var snapshot: Snapshot?
    public var exit: Exit?
    /// What the graphs span; `+` and `-` step through `HistoryWindow`.
    public var window: HistoryWindow = .live
    /// Panes shown (keys 1–5 toggle them; the last one shown stays) and the layout preset (`p`).
    public var shownPanes: Set<PaneID> = Set(PaneID.allCases)
    public var layoutPreset: DashboardLayout.Mode?
    /// Process table order (`<` / `>`, htop's `P` `M` `T`, a click on a header) and `I`, reversed.
    public var sort: ProcessSort = .cpu
    public var sortReversed = false
    /// The process table's columns (`dashboard.columns`; F2 chooses, and saves them).
    public var columns: [ProcessColumn] = ProcessColumn.standard
    /// `K`: kernel threads hidden.
    public var hideKernelThreads = false
    /// `u`: only this user's processes (the selected row's owner).
    public var userFilter: String?
    /// The tree view's collapsed subtrees (`*` on a row), by pid.
    public var collapsed: Set<Int32> = []
    /// The selected process row (arrows, PgUp/PgDn, Home/End); nil when none is.
    public var selection: ProcessSelection?
    /// `f`: the selection stays on its process when the order changes (else on its row).
    public var follow = false
    /// The process filter (`/`): matched against name, command line and user.
    public var filter = ""
    public var editingFilter = false
    /// Space: the panes stop changing (history keeps recording).
    public var frozen = false
    /// What is over the screen: the keys (`?`), the message log (`L`), a process's environment or
    /// open files (`e`, `l`), the column chooser (F2); and the first line shown of it.
    public var overlay: Overlay?
    public var overlayOffset = 0
    /// `?` or F1: the key list over the screen.
    public var showHelp: Bool {
        get { overlay == .help }
        set {
            if newValue { overlay = .help } else if overlay == .help { overlay = nil }
            overlayOffset = 0
        }
    }
    /// The key bar on the bottom line (`dashboard.key_bar`): nil shows it from 20 rows.
    public var keyBar: Bool?
    /// The panes are not this host live (a replay, another host): `e` and `l` would read the wrong /proc.
    public var foreignFeed = false
    /// `t`: processes as a tree.
    public var tree = false
    /// Time travel: the moment the panes show (`←`/`→`, `[`/`]`, `g`, a click on a graph); nil is live.
    public var cursor: Double?
    /// `g`: the time being typed; nil when none is.
    public var jumpText: String?
    /// Seconds between ticks (the cursor's step when live).
    public var interval: Double = 1
    /// The CPU graph is braille (two ticks a cell), for a click on it.
    public var brailleGraph = false
    /// `m`: the CPU graph split by mode (user, system, iowait, steal) instead of total busy.
    public var cpuModes = false
    /// `c`: the process pane lists cgroups (services, containers) instead.
    public var containers = false
    /// `k`: the signal being chosen (a confirmed one is an effect: `AppEffect.sendSignal`).
    public var signalPrompt: SignalPrompt?
    /// `dashboard.read_only` / `--read-only`: `k` sends nothing.
    public var readOnly = false
    /// Why, for the refusal (`vitals replay` and `vitals attach` say so).
    public var readOnlyReason = "dashboard.read_only"
    /// One line for the status bar until the next key (a signal's outcome, a refusal).
    public var flash: String?
    /// `a`: the alerts list (a silence chosen there is an effect: `AppEffect.silence`).
    public var alertList: AlertListState?

    public init(width: Int, height: Int, snapshot: Snapshot? = nil) {
        self.width = width
        self.height = height
        self.snapshot = snapshot
    }

    public var isRunning: Bool { exit == nil }
}

extension AppState {
    public enum Overlay: Sendable, Equatable {
        case help
        case log
        case text(title: String, entries: [DashboardModel.Overlay.Entry])
        /// F2: the columns, with the one the cursor is on, and those shown when it opened.
        case columns(selected: Int, before: [ProcessColumn])
    }

    /// The selected process, as a key's target; nil when none is.
    var selectedTarget: ProcessTarget? {
        guard let pid = selection?.pid, let process = snapshot?.processes?.first(where: { $0.pid == pid }) else { return nil }
        return ProcessTarget(pid: pid, name: process.name, startTicks: process.startTicks)
    }

    /// Whether the bottom line is the key bar at this size.
    public var showsKeyBar: Bool { height >= 2 && (keyBar ?? (height >= KeyBarView.automaticHeight)) }
    /// Rows the panes and status line have (the key bar takes the last).
    public var paneHeight: Int { height - (showsKeyBar ? 1 : 0) }
}

/// Which process row is selected: its position, and the pid there once the table is built.
public struct ProcessSelection: Sendable, Equatable {
    public var index: Int
    public var pid: Int32?
    /// Set by a key that moved the position; the run loop then takes the pid at the new position.
    public var moved: Bool

    public init(index: Int, pid: Int32? = nil, moved: Bool = true) {
        self.index = index
        self.pid = pid
        self.moved = moved
    }

    /// After the table is rebuilt: a moved selection takes the pid at its row; a following one
    /// finds its pid's new row; otherwise the row stays and the pid is whoever is there now.
    public func reconciled(with pids: [Int32], follow: Bool) -> ProcessSelection {
        guard !pids.isEmpty else { return ProcessSelection(index: 0, pid: nil, moved: false) }
        var next = self
        if !moved, follow, let pid, let row = pids.firstIndex(of: pid) {
            next.index = row
        } else {
            next.index = min(max(0, index), pids.count - 1)
        }
        next.pid = pids[next.index]
        next.moved = false
        return next
    }
}
