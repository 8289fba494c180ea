import FuzzTargets
import Glibc

#if VITALS_LIBFUZZER
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// libFuzzer calls this for each input (its runtime also looks the symbol up by name).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    LibFuzzer.selected?.run(size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#endif

/// Hands a target to libFuzzer's driver, when the build links it.
enum LibFuzzer {
    /// The target being fuzzed. Written once, before libFuzzer starts, and read only by the
    /// driver's single fuzzing thread: no two threads ever touch it at once.
    nonisolated(unsafe) static var selected: FuzzTarget?

    static func run(_ target: FuzzTarget, arguments: [String]) -> CInt {
        #if VITALS_LIBFUZZER
        selected = target
        var argc = CInt(arguments.count)
        var pointers: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        return pointers.withUnsafeMutableBufferPointer { buffer in
            var argv = buffer.baseAddress!
            return LLVMFuzzerRunDriver(&argc, &argv, fuzzOneInput)
        }
        #else
        VitalsFuzz.fail("this build has no libFuzzer: scripts/fuzz.sh builds one (FUZZING_BUILD=1)")
        #endif
    }
}
