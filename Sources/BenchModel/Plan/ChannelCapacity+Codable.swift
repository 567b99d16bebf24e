import Channels

/// A capacity travels between chanbench processes spelled as in the CSV files (`1024`,
/// `unbounded`), so a request reads like the command line it came from.
extension ChannelCapacity: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let capacity = ChannelCapacity(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad capacity '\(text)'"))
        }
        self = capacity
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
