import Foundation
import BenchModel

/// A ``BenchConfigurationKey`` as the store keeps it: its JSON with sorted keys, so the same
/// configuration is the same text in every database and on every machine.
package enum ConfigurationIdentity {
    package static func text(_ key: BenchConfigurationKey) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding a struct of strings and integers cannot fail.
        return (try? encoder.encode(key)).map { String(decoding: $0, as: UTF8.self) } ?? key.description
    }

    package static func key(_ text: String) -> BenchConfigurationKey? {
        try? JSONDecoder().decode(BenchConfigurationKey.self, from: Data(text.utf8))
    }
}
