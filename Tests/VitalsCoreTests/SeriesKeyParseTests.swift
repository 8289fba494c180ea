import Testing
import VitalsCore

@Suite struct SeriesKeyParseTests {
    @Test func textFormReadsBack() {
        let keys = [
            SeriesKey("node_load1"),
            SeriesKey("node_filesystem_avail_bytes", ["device": "/dev/sda1", "fstype": "ext4", "mountpoint": "/"]),
            SeriesKey("x", ["mountpoint": "/mnt/we\"ird\\na,me}{=\nx"]),
            SeriesKey("x", ["empty": ""]),
        ]
        for key in keys { #expect(SeriesKey(text: key.description) == key, "\(key)") }
    }

    @Test func malformedTextIsRejected() {
        for text in ["", "{a=\"b\"}", "x{a=\"b\"", "x{a=b}", "x{a=\"b\"c=\"d\"}", "x{=\"b\"}", "x}"] {
            #expect(SeriesKey(text: text) == nil, "\(text)")
        }
    }
}
