/// Every colour a theme can set, named exactly as btop's theme keys so btop themes load unchanged.
public enum ThemeRole: String, Sendable, CaseIterable {
    case mainBackground = "main_bg"
    case mainForeground = "main_fg"
    case title
    case highlight = "hi_fg"
    case selectedBackground = "selected_bg"
    case selectedForeground = "selected_fg"
    case inactive = "inactive_fg"
    case graphText = "graph_text"
    case meterBackground = "meter_bg"
    case processMisc = "proc_misc"
    case cpuBox = "cpu_box"
    case memoryBox = "mem_box"
    case networkBox = "net_box"
    case processBox = "proc_box"
    case divider = "div_line"
    case temperatureStart = "temp_start", temperatureMid = "temp_mid", temperatureEnd = "temp_end"
    case cpuStart = "cpu_start", cpuMid = "cpu_mid", cpuEnd = "cpu_end"
    case freeStart = "free_start", freeMid = "free_mid", freeEnd = "free_end"
    case cachedStart = "cached_start", cachedMid = "cached_mid", cachedEnd = "cached_end"
    case availableStart = "available_start", availableMid = "available_mid", availableEnd = "available_end"
    case usedStart = "used_start", usedMid = "used_mid", usedEnd = "used_end"
    case downloadStart = "download_start", downloadMid = "download_mid", downloadEnd = "download_end"
    case uploadStart = "upload_start", uploadMid = "upload_mid", uploadEnd = "upload_end"
    case processStart = "process_start", processMid = "process_mid", processEnd = "process_end"
}

/// The three-stop gradients a theme defines (`NAME_start`, `NAME_mid`, `NAME_end`).
public enum ThemeGradient: Sendable, CaseIterable {
    case temperature, cpu, free, cached, available, used, download, upload, process

    public var stops: (ThemeRole, ThemeRole, ThemeRole) {
        switch self {
        case .temperature: (.temperatureStart, .temperatureMid, .temperatureEnd)
        case .cpu: (.cpuStart, .cpuMid, .cpuEnd)
        case .free: (.freeStart, .freeMid, .freeEnd)
        case .cached: (.cachedStart, .cachedMid, .cachedEnd)
        case .available: (.availableStart, .availableMid, .availableEnd)
        case .used: (.usedStart, .usedMid, .usedEnd)
        case .download: (.downloadStart, .downloadMid, .downloadEnd)
        case .upload: (.uploadStart, .uploadMid, .uploadEnd)
        case .process: (.processStart, .processMid, .processEnd)
        }
    }
}
