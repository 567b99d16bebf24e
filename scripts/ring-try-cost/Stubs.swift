// The one package type the ring's throwing initializer names, without the registry behind it.
public enum ChannelConfigurationError: Error {
    case negativeCapacity(Int)
    case unsupportedCapacity(implementation: String, capacity: ChannelCapacity)
}
