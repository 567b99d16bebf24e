/// Order statistics on small samples of measurements.
package enum SampleStatistics {
    /// The median (mean of the two middle values for even counts); `nil` for an empty sample.
    package static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        return medianOfSorted(values.sorted())
    }

    static func medianOfSorted(_ sorted: [Double]) -> Double {
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }

    /// NEW/BASE for two medians, defined for zeros: 0/0 is 1 (no change), x/0 is +infinity.
    package static func ratio(_ new: Double, _ base: Double) -> Double {
        if base == 0 { return new == 0 ? 1 : .infinity }
        return new / base
    }
}
