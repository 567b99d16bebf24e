/// Locale-free decimal text for reports and CSV files: the one number formatter (Foundation's
/// `String(format:)` follows the C locale of the process, and CSV readers need a `.`).
package enum DecimalText {
    /// `value` rounded to exactly `digits` decimals ("12.50", "3"); "" when not finite.
    package static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = Int(scaled / scale)
        let frac = Int(scaled - Double(whole) * scale)
        var fracText = String(frac)
        while fracText.count < digits { fracText = "0" + fracText }
        let sign = value < 0 && scaled != 0 ? "-" : ""
        return digits == 0 ? sign + String(whole) : sign + String(whole) + "." + fracText
    }

    /// `value` to at most `digits` decimals, trailing zeros dropped ("1.05", "3").
    package static func compact(_ value: Double, maxDigits digits: Int = 3) -> String {
        var text = fixed(value, digits)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}
