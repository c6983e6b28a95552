// swift-tools-version:6.1
import PackageDescription

/// `AIMSBOOK_FUZZ=1 swift build -c release --scratch-path .build/fuzz --product aimsbook-fuzz` (Fuzz/run.sh):
/// adds the libFuzzer target and instruments AimsbookKit for it. Unset, the package is unchanged.
let fuzzing = Context.environment["AIMSBOOK_FUZZ"] != nil
let fuzzSanitizers = "-sanitize=fuzzer,address"
/// `AIMSBOOK_STATIC_ZLIB=1` (Dist/build.sh): zlib is linked from its static archive, passed on the command line.
let staticZlib = Context.environment["AIMSBOOK_STATIC_ZLIB"] != nil

/// `make dist` sets `AIMSBOOK_GIT_COMMIT` to the commit it builds, for `aimsbook --version`
/// (Sources/CBuildInfo). Only a hex commit id, maybe followed by `-dirty`, is taken, so the value is
/// always a plain C string literal; unset or anything else, the binary says "unknown commit".
let gitCommit: String? = Context.environment["AIMSBOOK_GIT_COMMIT"].flatMap { value in
    let id = value.hasSuffix("-dirty") ? value.dropLast("-dirty".count) : Substring(value)
    let isCommitID = (7...40).contains(id.count) && id.allSatisfy { "0123456789abcdef".contains($0) }
    return isCommitID ? value : nil
}

let package = Package(
    name: "aimsbook",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "aimsbook", targets: ["aimsbook"]),
        .library(name: "AimsbookKit", targets: ["AimsbookKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        // swift-mustache 2.1.1 with fast paths for the values views are made of: Vendor/swift-mustache/PATCHES.md.
        .package(path: "Vendor/swift-mustache"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.0.0"),
        // `aimsbook import` reads CSV registers with it (README, Dependencies).
        .package(url: "https://github.com/swiftcsv/SwiftCSV.git", from: "0.10.0"),
        // Hummingbird's own (already resolved with it): `serve` ends its pages' event streams on Ctrl-C.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.0.0"),
    ],
    targets: [
        // cmark-gfm from the system (Debian: libcmark-gfm-dev, libcmark-gfm-extensions-dev).
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // The commit the binary was built from, as a C macro the Swift code reads (see gitCommit above).
        .systemLibrary(name: "CBuildInfo"),
        // A bump allocator per thread for cmark-gfm (MarkdownArena.swift): C, for its thread-local state.
        .target(name: "CMarkdownArena"),
        // zlib (Debian: zlib1g-dev) for the audit pack's zip and tar.gz: README, "Dependencies".
        // `make dist` names zlib's static archive itself (Dist/build.sh), so the binary needs no libz.so.
        .target(name: "CArchiveZlib", linkerSettings: staticZlib ? [] : [.linkedLibrary("z")]),
        // Turns templates/ into Swift source at build time, so the theme has one source of truth.
        .executableTarget(name: "embed-theme", path: "Plugins/EmbedThemeTool"),
        .plugin(
            name: "EmbedThemePlugin",
            capability: .buildTool(),
            dependencies: ["embed-theme"],
            path: "Plugins/EmbedThemePlugin"
        ),
        .target(
            name: "AimsbookKit",
            dependencies: [
                "CCmarkGFM",
                "CMarkdownArena",
                "CArchiveZlib",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "SwiftCSV", package: "SwiftCSV"),
            ],
            exclude: ["Standard/iso42001.json", "Standard/eu-ai-act.json", "Standard/iso27001.json"],
            swiftSettings: fuzzing ? [.unsafeFlags([fuzzSanitizers])] : [],
            plugins: ["EmbedThemePlugin"]
        ),
        // The loopback preview server of `aimsbook serve`, kept apart so the pipeline needs no server.
        .target(
            name: "AimsbookPreview",
            dependencies: [
                "AimsbookKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "aimsbook",
            dependencies: [
                "AimsbookKit",
                "AimsbookPreview",
                "CBuildInfo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: gitCommit.map { [.unsafeFlags(["-Xcc", "-DAIMSBOOK_GIT_COMMIT_VALUE=\"\($0)\""])] } ?? []
        ),
        .testTarget(
            name: "AimsbookKitTests",
            // CCmarkGFM: cmark-gfm's own rendering, the reference the spec examples are compared with.
            dependencies: ["AimsbookKit", "CCmarkGFM"],
            exclude: ["Fixtures", "Snapshots"]
        ),
    ]
)

if fuzzing {
    package.products.append(.executable(name: "aimsbook-fuzz", targets: ["aimsbook-fuzz"]))
    package.targets.append(
        .executableTarget(
            name: "aimsbook-fuzz",
            dependencies: ["AimsbookKit"],
            path: "Fuzz",
            exclude: ["run.sh", "aimsbook.dict"],
            swiftSettings: [.unsafeFlags([fuzzSanitizers])],
            linkerSettings: [.unsafeFlags([fuzzSanitizers])]
        ))
}
