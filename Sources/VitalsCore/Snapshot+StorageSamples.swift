/// Disks and filesystems as samples.
extension Snapshot {
    /// `DiskIO.otherCounters` in order: node_exporter's name, and the factor to its unit.
    static let diskOtherNames: [(String, Double)] = [
        ("node_disk_reads_merged_total", 1), ("node_disk_writes_merged_total", 1), ("node_disk_io_now", 1),
        ("node_disk_io_time_weighted_seconds_total", 0.001), ("node_disk_discards_completed_total", 1),
        ("node_disk_discards_merged_total", 1), ("node_disk_discarded_sectors_total", 1), ("node_disk_discard_time_seconds_total", 0.001),
        ("node_disk_flush_requests_total", 1), ("node_disk_flush_requests_time_seconds_total", 0.001),
    ]

    func appendStorage(to out: inout [Sample]) {
        for disk in disks ?? [] {
            let labels: KeyValuePairs = ["device": disk.name]
            out.append(Sample(SeriesKey("node_disk_read_bytes_total", labels), Double(disk.readBytes), .counter))
            out.append(Sample(SeriesKey("node_disk_written_bytes_total", labels), Double(disk.writtenBytes), .counter))
            out.append(Sample(SeriesKey("node_disk_reads_completed_total", labels), Double(disk.readsCompleted), .counter))
            out.append(Sample(SeriesKey("node_disk_writes_completed_total", labels), Double(disk.writesCompleted), .counter))
            out.append(Sample(SeriesKey("node_disk_read_time_seconds_total", labels), Double(disk.readMilliseconds) / 1000, .counter))
            out.append(Sample(SeriesKey("node_disk_write_time_seconds_total", labels), Double(disk.writeMilliseconds) / 1000, .counter))
            out.append(Sample(SeriesKey("node_disk_io_time_seconds_total", labels), Double(disk.ioMilliseconds) / 1000, .counter))
            for (i, value) in disk.otherCounters.enumerated() where i < Self.diskOtherNames.count {
                let (name, scale) = Self.diskOtherNames[i]
                out.append(Sample(SeriesKey(name, labels), Double(value) * scale, name.hasSuffix("_total") ? .counter : .gauge))
            }
            out.append(Sample(SeriesKey("node_disk_info", ["device": disk.name, "major": String(disk.major), "minor": String(disk.minor)]), 1))
            if let name = disk.mapperName {
                out.append(Sample(SeriesKey("node_disk_device_mapper_info", ["device": disk.name, "name": name]), 1))
            }
            let rates: [(String, Double?)] = [
                ("vitals_disk_read_bytes_per_second", disk.readBytesPerSecond), ("vitals_disk_written_bytes_per_second", disk.writeBytesPerSecond),
                ("vitals_disk_reads_per_second", disk.readsPerSecond), ("vitals_disk_writes_per_second", disk.writesPerSecond),
                ("vitals_disk_busy_ratio", disk.busyFraction), ("vitals_disk_average_wait_seconds", disk.averageWaitMilliseconds.map { $0 / 1000 }),
            ]
            for (name, value) in rates {
                if let value { out.append(Sample(SeriesKey(name, labels), value)) }
            }
        }
        for fs in filesystems ?? [] {
            let labels: KeyValuePairs = ["device": fs.mount.device, "fstype": fs.mount.fsType, "mountpoint": fs.mount.mountPoint]
            out.append(Sample(SeriesKey("node_filesystem_size_bytes", labels), Double(fs.sizeBytes)))
            out.append(Sample(SeriesKey("node_filesystem_free_bytes", labels), Double(fs.freeBytes)))
            out.append(Sample(SeriesKey("node_filesystem_avail_bytes", labels), Double(fs.availableBytes)))
            out.append(Sample(SeriesKey("node_filesystem_files", labels), Double(fs.files)))
            out.append(Sample(SeriesKey("node_filesystem_files_free", labels), Double(fs.filesFree)))
            out.append(Sample(SeriesKey("node_filesystem_readonly", labels), fs.isReadOnly ? 1 : 0))
            out.append(Sample(SeriesKey("node_filesystem_device_error", labels), 0))
            // Writable filesystems only: a read-only image is always "full" and nobody can fill it.
            if fs.sizeBytes > 0, !fs.isReadOnly {
                out.append(Sample(SeriesKey("vitals_filesystem_avail_ratio", labels), Double(fs.availableBytes) / Double(fs.sizeBytes)))
            }
        }
        for m in unavailableMounts ?? [] {
            let labels: KeyValuePairs = ["device": m.mount.device, "fstype": m.mount.fsType, "mountpoint": m.mount.mountPoint]
            out.append(Sample(SeriesKey("node_filesystem_device_error", labels), 1))
        }
    }
}
