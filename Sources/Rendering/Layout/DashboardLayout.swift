/// Where each pane goes for a terminal size: a pure function of width and height.
///
/// The ladder: `wide` (≥160x40: CPU across the top, memory/disk/network left, processes right),
/// `grid` (≥80x20: CPU|memory, disk|network, processes), `stacked` (narrow and tall such as a 60x40
/// tmux side pane: all five in a column), `strip` (short, such as 100x15: CPU|memory|network over
/// processes, disk left out), `compact` (small: CPU, memory and processes), and below
/// `minimumWidth`x`minimumHeight` a one-line message that names the size needed.
public struct DashboardLayout: Equatable, Sendable {
    public enum Mode: String, Sendable {
        case wide, grid, stacked, strip, compact, tooSmall
    }

    public static let minimumWidth = 40
    public static let minimumHeight = 8

    public var mode: Mode
    /// The status line (row 0).
    public var status: Rect
    public var panes: [PaneID: Rect]

    public static func compute(width: Int, height: Int) -> DashboardLayout {
        let status = Rect(x: 0, y: 0, width: width, height: height > 0 ? 1 : 0)
        guard width >= minimumWidth, height >= minimumHeight else {
            return DashboardLayout(mode: .tooSmall, status: status, panes: [:])
        }
        let body = Rect(x: 0, y: 1, width: width, height: height - 1)
        let H = body.height
        var panes: [PaneID: Rect] = [:]
        let mode: Mode
        if width >= 160, height >= 40 {
            mode = .wide
            let (top, rest) = body.splitTop(max(8, H * 30 / 100))
            panes[.cpu] = top
            let (left, right) = rest.splitLeft(width * 45 / 100)
            let third = left.height / 3
            let (mem, r1) = left.splitTop(third)
            let (disk, net) = r1.splitTop(third)
            panes[.memory] = mem
            panes[.disk] = disk
            panes[.network] = net
            panes[.processes] = right
        } else if width >= 80, height >= 20 {
            mode = .grid
            let (a, r1) = body.splitTop(max(6, H * 32 / 100))
            let (b, c) = r1.splitTop(max(5, H * 26 / 100))
            (panes[.cpu], panes[.memory]) = a.splitLeft(width * 58 / 100)
            (panes[.disk], panes[.network]) = b.splitLeft(width / 2)
            panes[.processes] = c
        } else if width < 80, height >= 26 {
            mode = .stacked
            let cpu = max(5, H * 22 / 100), mem = max(4, H * 15 / 100), disk = max(4, H * 13 / 100), net = max(4, H * 15 / 100)
            var rest = body
            (panes[.cpu], rest) = rest.splitTop(cpu)
            (panes[.memory], rest) = rest.splitTop(mem)
            (panes[.disk], rest) = rest.splitTop(disk)
            (panes[.network], rest) = rest.splitTop(net)
            panes[.processes] = rest
        } else if width >= 80 {
            mode = .strip
            let (top, bottom) = body.splitTop(max(4, H / 2))
            let (cpu, r) = top.splitLeft(width * 40 / 100)
            let (mem, net) = r.splitLeft(r.width / 2)
            panes[.cpu] = cpu
            panes[.memory] = mem
            panes[.network] = net
            panes[.processes] = bottom
        } else {
            mode = .compact
            let (top, bottom) = body.splitTop(max(4, H / 2))
            (panes[.cpu], panes[.memory]) = top.splitLeft(width / 2)
            panes[.processes] = bottom
        }
        return DashboardLayout(mode: mode, status: status, panes: panes.filter { !$0.value.isEmpty })
    }
}
