import Policy

/// Writes symbolic values back as the text AWS would send, such that the Policy module's
/// readers (`PolicyNumber`, `PolicyDate`, `IPAddress`) read back exactly the same value.
enum DateText {
    /// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z.
    static let minimumMilliseconds = -62_135_596_800_000
    static let maximumMilliseconds = 253_402_300_799_999

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    static func iso8601(milliseconds: Int) -> String {
        let millis = ((milliseconds % 1000) + 1000) % 1000
        let totalSeconds = (milliseconds - millis) / 1000
        let secondsOfDay = ((totalSeconds % 86_400) + 86_400) % 86_400
        let days = (totalSeconds - secondsOfDay) / 86_400
        let (year, month, day) = civil(fromDays: days)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondsOfDay / 3600, 2)):\(pad(secondsOfDay / 60 % 60, 2)):\(pad(secondsOfDay % 60, 2)).\(pad(millis, 3))Z"
    }

    /// Howard Hinnant's civil_from_days.
    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

enum NumberText {
    /// A scaled decimal as `-12.5`, `3`, `0.000001`.
    static func decimal(scaled: Int) -> String {
        let negative = scaled < 0
        let magnitude = scaled.magnitude
        let divisor = UInt(pow10(PolicyNumber.scale))
        let whole = magnitude / divisor
        var fraction = String(magnitude % divisor)
        fraction = String(repeating: "0", count: PolicyNumber.scale - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return (negative ? "-" : "") + String(whole) + (fraction.isEmpty ? "" : "." + fraction)
    }

    private static func pow10(_ exponent: Int) -> Int { (0..<exponent).reduce(1) { result, _ in result * 10 } }
}

enum AddressText {
    static func text(high: UInt64, low: UInt64, isIPv4: Bool) -> String {
        let bytes = IPHalves.join(high: high, low: low)
        if isIPv4 { return bytes[12...].map(String.init).joined(separator: ".") }
        return stride(from: 0, to: 16, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
            .joined(separator: ":")
    }
}
