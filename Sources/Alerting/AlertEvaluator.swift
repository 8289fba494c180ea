import VitalsCore

/// Evaluates a rule's operand over a data source: one value per matching series. A series with
/// too little data for its function gives no value (the rule sees it as missing).
public enum AlertEvaluator {
    public static func values(of operand: AlertExpr.Operand, in source: some AlertDataSource, at now: Double) -> [(key: SeriesKey, value: Double)] {
        let selector = operand.selector
        var out: [(key: SeriesKey, value: Double)] = []
        for key in source.keys(named: selector.name, matching: selector.matchers) {
            if let value = value(of: operand, key: key, in: source, at: now), value.isFinite { out.append((key, value)) }
        }
        return out
    }

    static func value(of operand: AlertExpr.Operand, key: SeriesKey, in source: some AlertDataSource, at now: Double) -> Double? {
        switch operand {
        case .instant:
            return source.latest(key)
        case let .function(function, _, window, horizon):
            // A series that stopped reporting has no value now, whatever its window still holds.
            guard source.latest(key) != nil else { return nil }
            // Left-open like Prometheus 3: a sample exactly `window` old is outside.
            let from = now - window + 1e-6
            switch function {
            case .avg: return source.summary(key, from: from, to: now)?.mean
            case .min: return source.summary(key, from: from, to: now)?.min
            case .max: return source.summary(key, from: from, to: now)?.max
            case .rate:
                let samples = source.samples(key, from: from, to: now)
                guard let first = samples.first, let last = samples.last, last.time > first.time else { return nil }
                return rise(samples, counter: source.isCounter(key.name)) / (last.time - first.time)
            case .increase:
                let samples = source.samples(key, from: from, to: now)
                guard let first = samples.first, let last = samples.last, last.time > first.time else { return nil }
                return rise(samples, counter: source.isCounter(key.name))
            case .predict:
                return predict(source.samples(key, from: from, to: now), window: window, at: now + (horizon ?? 0))
            }
        }
    }

    /// The rise over the samples. For a counter a drop is a reset (the new value is all rise); a
    /// gauge's rise is simply last minus first.
    static func rise(_ samples: [(time: Double, value: Double)], counter: Bool) -> Double {
        guard counter else { return (samples.last?.value ?? 0) - (samples.first?.value ?? 0) }
        var total = 0.0
        for i in samples.indices.dropFirst() {
            let delta = samples[i].value - samples[i - 1].value
            total += delta >= 0 ? delta : samples[i].value
        }
        return total
    }

    /// Least-squares line through the samples, read at `time`. The samples must span a quarter of
    /// the window at least: two points a second apart say nothing about the next four hours.
    static func predict(_ samples: [(time: Double, value: Double)], window: Double, at time: Double) -> Double? {
        guard samples.count >= 2, let first = samples.first, let last = samples.last, last.time - first.time >= window / 4 else { return nil }
        let n = Double(samples.count)
        // Centred on the first time, so epoch seconds do not swamp the sums.
        var sx = 0.0, sy = 0.0, sxx = 0.0, sxy = 0.0
        for s in samples {
            let x = s.time - first.time
            sx += x
            sy += s.value
            sxx += x * x
            sxy += x * s.value
        }
        let denominator = n * sxx - sx * sx
        guard denominator != 0 else { return nil }
        let slope = (n * sxy - sx * sy) / denominator
        let intercept = (sy - slope * sx) / n
        return intercept + slope * (time - first.time)
    }
}
