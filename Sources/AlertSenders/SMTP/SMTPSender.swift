import AlertDelivery
import NIOCore
import NIOPosix
import NIOSSL

/// `SMTPClient` for a delivery thread, on NIO's shared event loops (never the cooperative pool,
/// which a blocked thread could starve): the outcome told as `SendResult`, TLS failures as such.
enum SMTPSender {
    static func send(_ message: String, from: String, to: [String], via settings: SMTPSettings, timeout: Double) -> SendResult {
        do {
            try SMTPClient.send(message, from: from, to: to, settings: settings, timeout: timeout, group: MultiThreadedEventLoopGroup.singleton)
            return .delivered
        } catch {
            return result(error, settings: settings, timeout: timeout)
        }
    }

    static func result(_ error: any Error, settings: SMTPSettings, timeout: Double) -> SendResult {
        let place = "\(settings.host):\(settings.port)"
        switch error {
        case let error as SMTPError:
            return error.isPermanent ? .refused(error.description) : .failed(error.description)
        case let error as NIOSSLExtraError where error == .failedToValidateHostname:
            return .failed("TLS with \(place) failed: its certificate is not for \(settings.host)")
        case let error as NIOSSLError:
            let text = "\(error)"
            if text.contains("CERTIFICATE_VERIFY_FAILED") {
                return .failed("TLS with \(place) failed: its certificate is not trusted (ca_file names a private CA's)")
            }
            return .failed("TLS with \(place) failed: \(text)")
        case let error as NIOSSLExtraError:
            return .failed("TLS with \(place) failed: \(error)")
        case ChannelError.connectTimeout:
            return .failed("no connection to \(place) within \(AlertDeliverer.seconds(timeout))")
        case is ChannelError:
            return .failed("the connection to \(place) failed: \(error)")
        default:
            let text = HTTPSender.describe(error)
            return .failed(text == "connection refused" ? "connection to \(place) refused" : "SMTP to \(place): \(text)")
        }
    }
}
