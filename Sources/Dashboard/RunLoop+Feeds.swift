import Pipeline

/// What the loop shows when it is not this host live: a recording, or a remote agent.
extension RunLoop {
    /// Shows a recording: its skeleton as the snapshot, the cursor at `from` (else the end),
    /// signals off, and a notice naming what is replayed.
    func startReplay(end: Double, from: Double?, label: String) {
        replayEnd = end
        state.snapshot = pipeline.read { ReplaySnapshot.skeleton(store: $0.store, at: end, host: "replay") }
        state.cursor = from.flatMap { $0 < end ? $0 : nil }
        state.readOnly = true
        state.readOnlyReason = "a replay"
        replayNotice = "replay of \(label), until " + ClockText.format(end)
    }

    /// Shows a remote agent: its ticks feed the store, the panes show its newest tick (as time
    /// travel shows a moment), signals are off, and the status line tells how the link stands.
    func startAttach(inbox: RemoteInbox, label: String) {
        remote = (inbox, RemoteLinkState(label: label))
        state.readOnly = true
        state.readOnlyReason = "another host's processes: vitals attach"
    }

    /// Takes the remote feed's updates into the store; true when something changed on screen.
    func takeRemoteUpdates() -> Bool {
        guard var r = remote else { return false }
        let updates = r.inbox.takeAll()
        guard !updates.isEmpty else { return false }
        let now = pipeline.clock()
        var newest: Double?
        for update in updates {
            switch update {
            case let .connected(host, interval):
                r.link.host = host
                r.link.down = nil
                if interval > 0 {
                    self.interval = interval
                    state.interval = interval
                }
            case let .backfill(ticks):
                for tick in ticks where record(tick) { newest = tick.time }
            case let .tick(tick):
                if record(tick) { newest = tick.time }
            case let .alerts(alerts):
                remoteAlerts = alerts
            case let .disconnected(reason, retryAt):
                let since = r.link.down.flatMap { $0.since > 0 ? $0.since : nil } ?? now
                r.link.down = RemoteLinkState.Down(since: since, reason: reason, retryAt: retryAt)
            }
        }
        if let newest {
            r.link.lastTick = (newest, now)
            let host = r.link.host ?? r.link.label
            apply(.snapshot(pipeline.read { ReplaySnapshot.skeleton(store: $0.store, at: newest, host: host) }))
        }
        remote = r
        return true
    }

    private func record(_ tick: RemoteTick) -> Bool {
        pipeline.recordRemote(time: tick.time, samples: tick.samples, processes: tick.processes)
    }
}
