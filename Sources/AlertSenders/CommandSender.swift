import AlertDelivery
import Foundation

/// Runs a program with the message on its standard input: sendmail for email, or the user's own
/// command. Exit status 0 is delivered; anything else, or no exit within the timeout (the program
/// is then killed), is a failure to retry.
enum CommandSender {
    static func run(_ command: [String], input: [UInt8], environment: [String: String] = [:], timeout: Double) -> SendResult {
        guard let program = command.first else { return .refused("no command configured") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = Array(command.dropFirst())
        var env = ProcessInfo.processInfo.environment
        for (name, value) in environment { env[name] = value }
        process.environment = env
        let stdin = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        do {
            try process.run()
        } catch {
            return .failed("cannot run \(program): \(error.localizedDescription)")
        }
        // A program that does not read its input must not block us: write, then close.
        try? stdin.fileHandleForWriting.write(contentsOf: Data(input))
        try? stdin.fileHandleForWriting.close()
        if done.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            if done.wait(timeout: .now() + 1) == .timedOut { kill(process.processIdentifier, SIGKILL) }
            return .failed("\(program) did not finish within \(AlertDeliverer.seconds(timeout))")
        }
        guard process.terminationStatus == 0, process.terminationReason == .exit else {
            let message = String(decoding: stderr.fileHandleForReading.availableData.prefix(200), as: UTF8.self)
                .split(separator: "\n").first.map(String.init) ?? ""
            return .failed("\(program) exited with status \(process.terminationStatus)" + (message.isEmpty ? "" : ": " + message))
        }
        return .delivered
    }
}
