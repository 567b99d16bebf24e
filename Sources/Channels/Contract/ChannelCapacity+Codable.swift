/// A capacity encodes as its text (`1024`, `unbounded`), as the command line and the CSV files
/// spell it, so an encoded request reads like the command it came from.
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
