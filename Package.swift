// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "aimsbook",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "aimsbook", targets: ["aimsbook"]),
        .library(name: "AimsbookKit", targets: ["AimsbookKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.0.0"),
    ],
    targets: [
        // cmark-gfm from the system (Debian: libcmark-gfm-dev, libcmark-gfm-extensions-dev).
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
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
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            exclude: ["Standard/iso42001.json", "Standard/eu-ai-act.json", "Standard/iso27001.json"],
            plugins: ["EmbedThemePlugin"]
        ),
        // The loopback preview server of `aimsbook serve`, kept apart so the pipeline needs no server.
        .target(
            name: "AimsbookPreview",
            dependencies: [
                "AimsbookKit",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .executableTarget(
            name: "aimsbook",
            dependencies: [
                "AimsbookKit",
                "AimsbookPreview",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "AimsbookKitTests",
            dependencies: ["AimsbookKit"],
            exclude: ["Fixtures", "Snapshots"]
        ),
    ]
)
