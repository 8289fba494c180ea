/// Where history lives: `--data-dir`, else `$XDG_STATE_HOME/vitals`, else `~/.local/state/vitals`.
public enum HistoryDirectory {
    public static func resolve(explicit: String?, environment: [String: String]) -> String? {
        if let explicit, !explicit.isEmpty { return explicit }
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/vitals" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.local/state/vitals" }
        return nil
    }
}
