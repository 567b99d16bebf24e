/// Locale-free decimal text for reports and CSV files: the one number formatter (Foundation's
/// `String(format:)` follows the C locale of the process, and CSV readers need a `.`).
/// Two roundings, each kept because files already written depend on it: ``fixed(_:_:)`` for
/// reports and the memory CSV, ``exact(_:_:)`` for the bench CSV.
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

    /// `value` to exactly `digits` decimals, rounded from its exact binary value half to even:
    /// byte for byte what C's `%.*f` prints in the C locale, which the bench CSV's figures have
    /// always been. Unlike ``fixed(_:_:)`` a tie goes to the even digit (2.5 → "2"), a negative
    /// value that rounds to zero keeps its sign ("-0.00"), and any magnitude works. "" when not
    /// finite.
    package static func exact(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "" }
        precondition(digits >= 0, "a negative number of decimals")
        // |value| = significand × 2^e = n / 10^scale exactly: n = significand × 2^e, scale 0
        // (e >= 0), or n = significand × 5^-e, scale -e (e < 0). n is held as decimal digits,
        // least significant first, so no width limits it.
        let significand = value.significandBitPattern | (value.isNormal ? 1 << 52 : 0)
        let e = value.isNormal ? Int(value.exponent) - 52 : -1074
        var n = significand == 0 ? [UInt8(0)] : digitsOf(significand)
        var scale = 0
        if significand != 0 {
            for _ in 0..<abs(e) { multiply(&n, by: e > 0 ? 2 : 5) }
            scale = max(0, -e)
        }
        if scale <= digits {
            n.insert(contentsOf: repeatElement(0, count: digits - scale), at: 0)
        } else {
            // Round off the `dropped` lowest digits (n may have fewer: those are zeros).
            let dropped = scale - digits
            let first = dropped - 1 < n.count ? n[dropped - 1] : 0
            let restNonZero = n.prefix(dropped - 1).contains { $0 != 0 }
            n.removeFirst(min(dropped, n.count))
            let keptOdd = (n.first ?? 0) % 2 == 1
            if first > 5 || (first == 5 && (restNonZero || keptOdd)) { multiply(&n, by: 1, plus: 1) }
        }
        while n.count <= digits { n.append(0) }  // at least one digit before the point
        while n.count > digits + 1 && n.last == 0 { n.removeLast() }
        var text = value.sign == .minus ? "-" : ""
        for (i, d) in n.enumerated().reversed() {
            if i == digits - 1 { text += "." }
            text.append(Character(Unicode.Scalar(UInt8(ascii: "0") + d)))
        }
        return text
    }

    /// The decimal digits of `v`, least significant first.
    private static func digitsOf(_ v: UInt64) -> [UInt8] {
        var v = v, out: [UInt8] = []
        repeat { out.append(UInt8(v % 10)); v /= 10 } while v > 0
        return out
    }

    /// `n = n × factor + carry`, in place.
    private static func multiply(_ n: inout [UInt8], by factor: Int, plus carry: Int = 0) {
        var carry = carry
        for i in n.indices {
            let x = Int(n[i]) * factor + carry
            n[i] = UInt8(x % 10)
            carry = x / 10
        }
        while carry > 0 { n.append(UInt8(carry % 10)); carry /= 10 }
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
