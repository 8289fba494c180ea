/// Interfaces and sockets as samples.
extension Snapshot {
    func appendNetwork(to out: inout [Sample]) {
        for nic in network ?? [] {
            let labels: KeyValuePairs = ["device": nic.name]
            let counters: [(String, UInt64)] = [
                ("receive_bytes", nic.receiveBytes), ("receive_packets", nic.receivePackets), ("receive_errs", nic.receiveErrors),
                ("receive_drop", nic.receiveDrops), ("transmit_bytes", nic.transmitBytes), ("transmit_packets", nic.transmitPackets),
                ("transmit_errs", nic.transmitErrors), ("transmit_drop", nic.transmitDrops),
            ]
            for (name, value) in counters {
                out.append(Sample(SeriesKey("node_network_" + name + "_total", labels), Double(value), .counter))
            }
            for (name, value) in zip(NetworkInterface.otherCounterNames, nic.otherCounters) {
                out.append(Sample(SeriesKey("node_network_" + name + "_total", labels), Double(value), .counter))
            }
            if let nohandler = nic.receiveNohandler {
                out.append(Sample(SeriesKey("node_network_receive_nohandler_total", labels), Double(nohandler), .counter))
            }
            for attribute in nic.attributes {
                out.append(Sample(SeriesKey(attribute.name, labels), attribute.value, attribute.isCounter ? .counter : .gauge))
            }
            let rates: [(String, Double?)] = [
                ("receive_bytes", nic.receiveBytesPerSecond), ("transmit_bytes", nic.transmitBytesPerSecond),
                ("receive_packets", nic.receivePacketsPerSecond), ("transmit_packets", nic.transmitPacketsPerSecond),
                ("receive_errs", nic.receiveErrorsPerSecond), ("transmit_errs", nic.transmitErrorsPerSecond),
                ("receive_drop", nic.receiveDropsPerSecond), ("transmit_drop", nic.transmitDropsPerSecond),
            ]
            for (name, value) in rates {
                if let value { out.append(Sample(SeriesKey("vitals_network_" + name + "_per_second", labels), value)) }
            }
            if let state = nic.operState {
                out.append(Sample(SeriesKey("node_network_info", ["device": nic.name, "operstate": state]), 1))
                out.append(Sample(SeriesKey("node_network_up", labels), state == "up" ? 1 : 0))
            }
            if let speed = nic.speedMegabits {
                out.append(Sample(SeriesKey("node_network_speed_bytes", labels), Double(speed) * 125_000))
            }
        }
        if let sockets {
            for (state, count) in zip(SocketSummary.tcpStateNames, sockets.tcpStates) {
                out.append(Sample(SeriesKey("node_tcp_connection_states", ["state": state]), Double(count)))
            }
            if let udp = sockets.udpInUse { out.append(Sample(SeriesKey("node_sockstat_UDP_inuse"), Double(udp))) }
            if let udp = sockets.udp6InUse { out.append(Sample(SeriesKey("node_sockstat_UDP6_inuse"), Double(udp))) }
            for (ip, queues) in [("v4", sockets.udpQueues), ("v6", sockets.udp6Queues)] {
                guard let queues else { continue }
                out.append(Sample(SeriesKey("node_udp_queues", ["ip": ip, "queue": "rx"]), Double(queues.receive)))
                out.append(Sample(SeriesKey("node_udp_queues", ["ip": ip, "queue": "tx"]), Double(queues.transmit)))
            }
        }
    }

    /// The kernel counters collector's entries (the sockets collector's UDP figures win).
    func appendKernel(to out: inout [Sample]) {
        guard let kernel else { return }
        for entry in kernel.entries {
            if sockets != nil, entry.name == "node_sockstat_UDP_inuse" || entry.name == "node_sockstat_UDP6_inuse" { continue }
            out.append(Sample(SeriesKey(entry.name, entry.labels), entry.value, entry.isCounter ? .counter : .gauge))
        }
    }
}
