import Glibc

extension UnixHTTP {
    /// The status line and the headers the body's framing needs.
    struct Head {
        var status: Int
        var contentLength: Int?
        var chunked: Bool
    }

    /// Reads an answer from a non-blocking socket, waiting with `poll` until `deadline`.
    struct Reader {
        let fd: Int32
        var deadline: Double
        let path: String
        let timeout: Double
        /// Asked between waits of a stream (the watcher is stopping).
        var keepGoing: () -> Bool = { true }
        var buffer: [UInt8] = []
        var closed = false
        /// Bytes of the current chunk not yet read (chunked bodies).
        var chunkLeft = 0
        /// Bytes of the body read so far (bodies with a Content-Length).
        var consumed = 0
        var done = false

        init(fd: Int32, deadline: Double, path: String, timeout: Double) {
            self.fd = fd
            self.deadline = deadline
            self.path = path
            self.timeout = timeout
        }

        /// More bytes into `buffer`; false at the connection's end.
        mutating func fill() throws(EngineError) -> Bool {
            guard !closed else { return false }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while true {
                let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if n > 0 {
                    buffer += chunk[0..<n]
                    return true
                }
                if n == 0 {
                    closed = true
                    return false
                }
                guard errno == EAGAIN || errno == EINTR else { throw .connection(path, errno: errno) }
                guard keepGoing() else {
                    closed = true
                    return false
                }
                let left = deadline - UnixHTTP.now()
                guard left > 0 else { throw .timeout(path, seconds: timeout) }
                var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                _ = poll(&p, 1, Int32(min(left, 0.25) * 1000))
            }
        }

        /// The status line and headers.
        mutating func head() throws(EngineError) -> Head {
            while true {
                if let end = Self.find([13, 10, 13, 10], in: buffer) {
                    let text = String(decoding: buffer[..<end], as: UTF8.self)
                    buffer.removeSubrange(..<(end + 4))
                    let lines = text.split(separator: "\r\n", omittingEmptySubsequences: false)
                    let parts = lines.first?.split(separator: " ") ?? []
                    guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else {
                        throw .malformed("not an HTTP answer")
                    }
                    var head = Head(status: status, contentLength: nil, chunked: false)
                    for line in lines.dropFirst() {
                        guard let colon = line.firstIndex(of: ":") else { continue }
                        let name = line[..<colon].lowercased()
                        let value = line[line.index(after: colon)...].trimmingPrefix(" ").lowercased()
                        if name == "content-length" { head.contentLength = Int(value) }
                        if name == "transfer-encoding", value.contains("chunked") { head.chunked = true }
                    }
                    return head
                }
                guard buffer.count < 64 << 10 else { throw .malformed("a header longer than 64 KiB") }
                guard try fill() else { throw .malformed("the connection closed before the answer's head") }
            }
        }

        /// The whole body.
        mutating func body(_ head: Head) throws(EngineError) -> [UInt8] {
            var out: [UInt8] = []
            while let piece = try nextPiece(head) {
                out += piece
                guard out.count <= UnixHTTP.maxBody else { throw .malformed("an answer larger than \(UnixHTTP.maxBody >> 20) MiB") }
            }
            return out
        }

        /// The next bytes of the body as they come; nil at its end.
        mutating func nextPiece(_ head: Head) throws(EngineError) -> [UInt8]? {
            guard !done else { return nil }
            if head.chunked { return try nextChunkPiece() }
            if let length = head.contentLength {
                if length == 0 { done = true; return nil }
                if buffer.isEmpty, !(try fill()) { throw .malformed("the connection closed inside the answer") }
                let take = min(length - consumed, buffer.count)
                let piece = Array(buffer[..<take])
                buffer.removeSubrange(..<take)
                consumed += take
                if consumed >= length { done = true }
                return piece
            }
            if buffer.isEmpty, !(try fill()) {
                done = true
                return nil
            }
            defer { buffer.removeAll(keepingCapacity: true) }
            return buffer
        }

        private mutating func nextChunkPiece() throws(EngineError) -> [UInt8]? {
            while chunkLeft == 0 {
                guard let end = Self.find([13, 10], in: buffer) else {
                    guard try fill() else { throw .malformed("the connection closed inside a chunked answer") }
                    continue
                }
                let sizeText = String(decoding: buffer[..<end], as: UTF8.self).split(separator: ";").first ?? ""
                guard let size = Int(sizeText.trimmingPrefix(" "), radix: 16), size >= 0 else { throw .malformed("a bad chunk size") }
                buffer.removeSubrange(..<(end + 2))
                if size == 0 {
                    done = true
                    return nil
                }
                chunkLeft = size + 2  // the chunk and its CRLF
            }
            if buffer.isEmpty, !(try fill()) { throw .malformed("the connection closed inside a chunk") }
            let before = chunkLeft
            let take = min(chunkLeft, buffer.count)
            var piece = Array(buffer[..<take])
            buffer.removeSubrange(..<take)
            chunkLeft -= take
            // The chunk's closing CRLF is not body: drop the part of it this piece took.
            let trailing = max(0, 2 - chunkLeft) - max(0, 2 - before)
            if trailing > 0 { piece.removeLast(min(trailing, piece.count)) }
            return piece
        }

        static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
            guard haystack.count >= needle.count else { return nil }
            for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
                if Array(haystack[i..<(i + needle.count)]) == needle { return i }
            }
            return nil
        }
    }
}
