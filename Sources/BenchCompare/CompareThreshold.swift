import BenchSupport
import Foundation

/// How much worse NEW may be before compare calls it a regression.
///
/// Stored as a fraction: 0.05 means "5 % slower", 2.0 means "3× slower". The improvement bound is
/// the mirror image on a log scale, `1 / (1 + fraction)` (5 % → 0.952, 3× → 0.333), so a change
/// and its undo get opposite verdicts of the same strength.
package struct CompareThreshold: Hashable, Sendable, CustomStringConvertible {
    /// The allowed slowdown as a fraction of the base value (≥ 0).
    package let fraction: Double

    /// The default: 5 %.
    package static let `default` = CompareThreshold(fraction: 0.05)

    package init(fraction: Double) {
        precondition(fraction >= 0 && fraction.isFinite, "threshold fraction must be finite and >= 0")
        self.fraction = fraction
    }

    /// Parses `5%`, `5` (also percent), `200%`, or a factor `3x` (= 200 %).
    ///
    /// A bare number is a percentage because `--threshold 5` reading as "500 %" would silently
    /// switch the gate off; factors need the explicit `x`.
    package init(parsing text: String) throws(CompareError) {
        let s = text.filter { $0 != " " }.lowercased()
        if s.hasSuffix("x") || s.hasSuffix("×") {
            guard let factor = Double(s.dropLast()), factor.isFinite, factor >= 1 else {
                throw .badThreshold(text)
            }
            self.init(fraction: factor - 1)
            return
        }
        let number = s.hasSuffix("%") ? s.dropLast() : Substring(s)
        guard let percent = Double(number), percent.isFinite, percent >= 0 else {
            throw .badThreshold(text)
        }
        self.init(fraction: percent / 100)
    }

    /// A cost ratio above this is slower than allowed.
    package var regressionBound: Double { 1 + fraction }
    /// A cost ratio below this is an improvement of at least the same size.
    package var improvementBound: Double { 1 / (1 + fraction) }

    /// `5%`, or `3x` for thresholds of 100 % and more, which read better as factors.
    package var description: String {
        if fraction >= 1 { return "\(DecimalText.compact(1 + fraction))x" }
        return "\(DecimalText.compact(fraction * 100))%"
    }
}
