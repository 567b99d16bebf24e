import Foundation
import PackagePlugin

/// A type that declares `ChannelBenchChannels`, found in one of the package's source targets.
struct ChannelsDeclaration: Equatable {
    var module: String
    var type: String
    /// The library product that vends the declaring target (the runner depends on it).
    var product: String
}

/// Finds a package's channels by the plugin's convention: a top-level `public` type
/// declaring `ChannelBenchChannels` (on its declaration or in an `extension` at the top
/// level) in a Swift library target that a library product of the package contains. Reading
/// the sources is enough, so the package needs no `main` and nothing is built to discover.
enum ChannelDiscovery {
    static let protocolName = "ChannelBenchChannels"

    /// Every declaration, in target then file order. Throws when none is found, or when one
    /// cannot work (not public, or in a target no library product vends), naming it.
    static func declarations(in package: Package) throws(PluginFailure) -> [ChannelsDeclaration] {
        let libraries = package.products.compactMap { $0 as? LibraryProduct }
        var found: [ChannelsDeclaration] = []
        for target in package.targets.compactMap({ $0 as? SwiftSourceModuleTarget }) where target.kind == .generic {
            for file in target.sourceFiles(withSuffix: "swift") {
                let path = file.url.path(percentEncoded: false)
                guard let text = try? String(contentsOf: file.url, encoding: .utf8) else {
                    throw PluginFailure("cannot read \(path)")
                }
                for (access, type) in conformances(in: text) {
                    guard access == nil || access == "public" || access == "open" else {
                        throw PluginFailure("\(type) in \(path) declares \(protocolName) but is \(access!); make it public so the runner can see it")
                    }
                    guard let product = libraries.first(where: { $0.targets.contains { $0.id == target.id } }) else {
                        throw PluginFailure("target \(target.name) declares \(protocolName) (\(type)) but no library product contains it; add .library(name: \"\(target.name)\", targets: [\"\(target.name)\"]) to Package.swift")
                    }
                    found.append(ChannelsDeclaration(module: target.moduleName, type: type, product: product.name))
                }
            }
        }
        guard !found.isEmpty else {
            throw PluginFailure("no channels found in package '\(package.displayName)': declare a top-level `public enum <Name>: \(protocolName)` with `public static var descriptors: [ChannelDescriptor]` in a library target of a library product")
        }
        return found
    }

    /// The types declared at the top level (column 0) with the conformance, each with its access
    /// modifier (`nil` for an `extension`, whose type's access the compiler checks).
    static func conformances(in source: String) -> [(access: String?, type: String)] {
        let declaration = #/(?m)^(?:@\w+(?:\([^)]*\))?\s+)*(?:(public|open|package|internal|fileprivate|private)\s+)?(?:final\s+)?(?:enum|struct|class|actor)\s+(\w+)[^{]*?\bChannelBenchChannels\b/#
        let extensionDeclaration = #/(?m)^extension\s+([\w.]+)\s*:[^{]*?\bChannelBenchChannels\b/#
        var result: [(access: String?, type: String)] = []
        for match in source.matches(of: declaration) {
            result.append((match.output.1.map(String.init) ?? "internal", String(match.output.2)))
        }
        for match in source.matches(of: extensionDeclaration) {
            result.append((nil, String(match.output.1)))
        }
        return result
    }
}
