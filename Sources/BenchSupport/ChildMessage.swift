import Foundation

/// How a request and its reply cross between chanbench processes: each is one JSON document,
/// the request on the child's stdin (see ``ChildProcess``), the reply on its stdout. Typed on
/// both sides, so no option is spelled out as arguments and parsed back by hand.
package enum ChildMessage {
    /// Non-finite figures (a run too short to time) are spelled out rather than failing the
    /// whole document.
    private static let inf = "inf", negativeInf = "-inf", nan = "nan"

    package static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: inf, negativeInfinity: negativeInf, nan: nan)
        return try encoder.encode(value)
    }

    package static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: inf, negativeInfinity: negativeInf, nan: nan)
        return try decoder.decode(type, from: data)
    }

    /// In the child: the request its parent wrote to stdin.
    package static func readRequest<T: Decodable>(_ type: T.Type) throws -> T {
        try decode(type, from: FileHandle.standardInput.readToEnd() ?? Data())
    }

    /// In the child: the reply, as the whole of stdout.
    package static func sendReply(_ value: some Encodable) throws {
        try FileHandle.standardOutput.write(contentsOf: encode(value) + Data("\n".utf8))
    }
}

extension ChildProcess {
    /// This executable with `arguments` and `request` on its stdin; `captureReply` collects
    /// its stdout for ``reply(as:)``.
    package convenience init(arguments: [String], request: some Encodable, captureReply: Bool,
                             environment: [String: String] = [:]) throws {
        self.init(arguments: arguments, input: try ChildMessage.encode(request), captureOutput: captureReply,
                  environment: environment)
    }

    /// The child's reply (after it exited), or `nil` if it wrote none that decodes, e.g. it
    /// crashed first.
    package func reply<T: Decodable>(as type: T.Type) -> T? {
        try? ChildMessage.decode(type, from: output)
    }
}
