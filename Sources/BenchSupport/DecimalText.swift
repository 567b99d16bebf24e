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
        let expansion = ExactDigits(value)
        let rounded = expansion.rounded(keeping: expansion.exponent + digits)
        // Digit i of `rounded` is worth 10^(exponent - 1 - i); print the powers from the
        // highest (at least 10^0) down to 10^-digits.
        var text = value.sign == .minus ? "-" : ""
        for power in stride(from: max(rounded.exponent - 1, 0), through: -digits, by: -1) {
            if power == -1 { text += "." }
            let index = rounded.exponent - 1 - power
            let digit = rounded.digits.indices.contains(index) ? rounded.digits[index] : 0
            text.append(Character(Unicode.Scalar(UInt8(ascii: "0") + digit)))
        }
        return text
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

/// C's `%.Ne` and `%.Ng` to the byte, without the C locale, beside ``DecimalText/exact(_:_:)``
/// for `%.Nf`: the digits are those of the double's exact binary value, rounded half to even as
/// glibc rounds them, so reports that stopped calling `String(format:)` read as they did.
extension DecimalText {
    /// `%.{digits}e`: one digit, the point, `digits` digits, and an exponent of at least two
    /// digits; "" when not finite, as ``exact(_:_:)``.
    package static func scientific(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "" }
        let expansion = ExactDigits(value)
        var mantissa: [UInt8]
        var exponent = 0
        if expansion.digits.isEmpty {
            mantissa = [UInt8](repeating: 0, count: digits + 1)
        } else {
            let rounded = expansion.rounded(keeping: digits + 1)
            mantissa = rounded.digits + [UInt8](repeating: 0, count: max(0, digits + 1 - rounded.digits.count))
            exponent = rounded.exponent - 1
        }
        let text = mantissa.map { String($0) }
        var out = (value.sign == .minus ? "-" : "") + text[0]
        if digits > 0 { out += "." + text[1...].joined() }
        let magnitude = String(abs(exponent))
        return out + (exponent < 0 ? "e-" : "e+") + (magnitude.count < 2 ? "0" : "") + magnitude
    }

    /// `%.{significant}g`: `%e` or `%f` by the exponent, trailing zeros removed; "" when not finite.
    package static func significant(_ value: Double, _ significant: Int) -> String {
        guard value.isFinite else { return "" }
        let p = max(significant, 1)
        let expansion = ExactDigits(value)
        let x = expansion.digits.isEmpty ? 0 : expansion.rounded(keeping: p).exponent - 1
        if x < -4 || x >= p {
            let text = scientific(value, p - 1)
            guard let e = text.firstIndex(of: "e") else { return text }
            return withoutTrailingZeros(String(text[..<e])) + text[e...]
        }
        return withoutTrailingZeros(exact(value, p - 1 - x))
    }

    private static func withoutTrailingZeros(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var t = Substring(text)
        while t.hasSuffix("0") { t = t.dropLast() }
        if t.hasSuffix(".") { t = t.dropLast() }
        return String(t)
    }
}

/// The exact decimal expansion of |value|: `0.digits × 10^exponent`, no leading or trailing
/// zeros (zero has no digits). Every finite double has one: m × 2^e is m × 5^-e / 10^-e.
struct ExactDigits {
    var digits: [UInt8]
    var exponent: Int

    init(_ value: Double) {
        let magnitude = abs(value)
        guard magnitude != 0 else { self.init(digits: [], exponent: 0); return }
        var m = UInt64(magnitude.significand * 0x1p52)
        var e = Int(magnitude.exponent) - 52
        while m & 1 == 0 { m >>= 1; e += 1 }
        // Little-endian limbs in base 10^9: multiplying by a factor below 2^31 cannot overflow.
        let base: UInt64 = 1_000_000_000
        var limbs = [m % base, (m / base) % base, m / (base * base)]
        func multiply(by factor: UInt64) {
            var carry: UInt64 = 0
            for i in limbs.indices {
                let product = limbs[i] * factor + carry
                limbs[i] = product % base
                carry = product / base
            }
            while carry > 0 { limbs.append(carry % base); carry /= base }
        }
        var shift = 0
        if e >= 0 {
            var left = e
            while left > 0 { let step = min(left, 30); multiply(by: 1 << UInt64(step)); left -= step }
        } else {
            var left = -e
            while left > 0 { let step = min(left, 13); var f: UInt64 = 1; for _ in 0..<step { f *= 5 }; multiply(by: f); left -= step }
            shift = e
        }
        var text = ""
        for (i, limb) in limbs.reversed().enumerated() {
            let part = String(limb)
            text += i == 0 ? part : String(repeating: "0", count: 9 - part.count) + part
        }
        var ds = text.utf8.map { $0 - 48 }
        while ds.first == 0 { ds.removeFirst() }
        let exponent = ds.count + shift
        while ds.last == 0 { ds.removeLast() }
        self.init(digits: ds, exponent: exponent)
    }

    init(digits: [UInt8], exponent: Int) {
        self.digits = digits
        self.exponent = exponent
    }

    /// The first `count` digits, rounded half to even on the rest (a carry may add a digit in
    /// front, raising `exponent`); `count <= 0` keeps none, and the value rounds to 0 or to the
    /// next power of ten.
    func rounded(keeping count: Int) -> ExactDigits {
        guard count < digits.count else { return self }
        if count < 0 { return ExactDigits(digits: [], exponent: 0) }
        var kept = Array(digits[..<count])
        let next = digits[count]
        let restNonZero = digits[(count + 1)...].contains { $0 != 0 }
        let lastOdd = (kept.last ?? 0) % 2 == 1
        let up = next > 5 || (next == 5 && (restNonZero || lastOdd))
        var exponent = self.exponent
        if up {
            var i = kept.count - 1
            while i >= 0 && kept[i] == 9 { kept[i] = 0; i -= 1 }
            if i >= 0 { kept[i] += 1 } else { kept.insert(1, at: 0); exponent += 1 }
        }
        while kept.last == 0 { kept.removeLast() }
        return kept.isEmpty ? ExactDigits(digits: [], exponent: 0) : ExactDigits(digits: kept, exponent: exponent)
    }
}
