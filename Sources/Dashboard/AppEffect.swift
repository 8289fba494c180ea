import Rendering

/// What the reducer asks the run loop to do in the world: the reducer stays pure and returns
/// these as values; the loop carries them out and feeds any outcome back as state (a flash).
public enum AppEffect: Sendable, Equatable {
    /// `k`, a signal chosen and confirmed.
    case sendSignal(SignalRequest)
    /// `a`, then `s` and a duration: silence the alert on this row of the list.
    case silence(SilenceRequest)
    /// `a`, then `u`: lift the silence of the alert on this row of the list.
    case unsilence(row: Int)
    /// `R`: re-read the configuration.
    case reload
    /// `g` and a time: go there if anything was recorded then (`text` is what was typed).
    case jump(to: Double, text: String)
    /// F7/F8: the selected process's nice value one step down or up.
    case renice(ProcessTarget, by: Int32)
    /// `e`, `l`: read the selected process's environment or open files into the overlay.
    case inspect(ProcessTarget, ProcessAspect)
    /// F2 closed: save the columns to the configuration file.
    case saveColumns([ProcessColumn])
    /// `r` in `vitals attach`: reconnect now.
    case reconnect
}
