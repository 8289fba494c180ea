// swift-tools-version:6.1
import PackageDescription

/// Benchmarks, in a package of their own so the main build and CI never compile them.
/// Run with `scripts/bench-collectors.sh` (it preloads the malloc interposer).
let package = Package(
    name: "vitals-benchmarks",
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/malloc-interposer", from: "1.6.1"),
    ],
    targets: [
        .executableTarget(
            name: "collector-bench",
            dependencies: [
                .product(name: "VitalsCollectors", package: "main"),
                .product(name: "MallocInterposerSwift", package: "malloc-interposer"),
            ],
            swiftSettings: [.unsafeFlags(["-warnings-as-errors"])]
        ),
    ]
)
