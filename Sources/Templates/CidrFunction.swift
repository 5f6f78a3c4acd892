/// `Fn::Cidr [ipBlock, count, cidrBits]`: `count` consecutive blocks of `cidrBits` host bits
/// carved from the start of `ipBlock` ("Fn::Cidr",
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-cidr.html:
/// count between 1 and 256; "specifying a value "8" for this parameter will create a CIDR with a
/// mask of "/24""; the page's example gives `192.168.0.0/27`, `192.168.0.32/27`, … for
/// `["192.168.0.0/24", 6, 5]`).
///
/// Only IPv4 blocks written as their network address are computed; anything else (IPv6, a block
/// with host bits set, blocks that do not fit) is nil, and the caller keeps the value unknown.
///
/// ```swift
/// CidrFunction.blocks(ipBlock: "192.168.0.0/24", count: 2, cidrBits: 5)   // ["192.168.0.0/27", "192.168.0.32/27"]
/// ```
enum CidrFunction {
    static func blocks(ipBlock: String, count: Int, cidrBits: Int) -> [String]? {
        let halves = ipBlock.split(separator: "/", omittingEmptySubsequences: false)
        guard halves.count == 2, let prefix = Int(halves[1]), (0...32).contains(prefix),
              (1...256).contains(count), (0...32).contains(cidrBits) else { return nil }
        let octets = halves[0].split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var address: UInt64 = 0
        for octet in octets {
            guard !octet.isEmpty, octet.allSatisfy(\.isASCII), let value = UInt64(octet), value <= 255 else { return nil }
            address = address << 8 | value
        }
        let newPrefix = 32 - cidrBits
        guard newPrefix >= prefix else { return nil }
        let hostMask: UInt64 = (1 << UInt64(32 - prefix)) - 1
        guard address & hostMask == 0, UInt64(count) <= (1 << UInt64(newPrefix - prefix)) else { return nil }
        return (0..<count).map { index in
            let block = address + UInt64(index) << UInt64(cidrBits)
            let text = [24, 16, 8, 0].map { String((block >> UInt64($0)) & 0xFF) }.joined(separator: ".")
            return "\(text)/\(newPrefix)"
        }
    }
}
