/// An SQS queue's URL and ARN: `https://sqs.REGION.amazonaws.com/ACCOUNT/NAME` and
/// `arn:aws:sqs:REGION:ACCOUNT:NAME` ("Amazon SQS queue and message identifiers",
/// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-queue-message-identifiers.html).
/// Queue policy resources name their queues by URL; the analysis needs the ARN.
enum QueueURL {
    /// An SQS queue's ARN from its URL (`https://sqs.REGION.amazonaws.com/ACCOUNT/NAME`, what
    /// `Ref` of a queue returns), or the parts as given when they are an ARN already.
    static func arn(fromURL url: [TextPart], region: TextPart, account: TextPart) -> [TextPart] {
        if case .literal(let text)? = url.first, text.hasPrefix("arn:") { return url }
        // A URL known only at deploy time: the queue is in the deployment's region and account,
        // its name unknown.
        if url.count == 1, case .unknown(let unknown) = url[0] {
            return [.literal("arn:aws:sqs:"), region, .literal(":"), account, .literal(":"),
                    .unknown(UnknownValue("the name of the queue at \(unknown.reason)", at: unknown.position))]
        }
        // The URL's parts: region, account and name sit between known separators.
        let rendered = url
        var fields: [[TextPart]] = [[]]
        for part in rendered {
            switch part {
            case .literal(let text):
                let pieces = text.split(separator: "/", omittingEmptySubsequences: false)
                for (index, piece) in pieces.enumerated() {
                    if index > 0 { fields.append([]) }
                    if !piece.isEmpty { fields[fields.count - 1].append(.literal(String(piece))) }
                }
            case .unknown:
                fields[fields.count - 1].append(part)
            }
        }
        // https: / "" / sqs.REGION.amazonaws.com / ACCOUNT / NAME
        guard fields.count == 5 else {
            return [.unknown(UnknownValue("the ARN of the queue at a URL Rampart cannot read", at: .start))]
        }
        var host = fields[2]
        if case .literal(let first)? = host.first, first.hasPrefix("sqs.") { host[0] = .literal(String(first.dropFirst(4))) }
        if case .literal(let last)? = host.last, last.hasSuffix(".amazonaws.com") { host[host.count - 1] = .literal(String(last.dropLast(14))) }
        return [.literal("arn:aws:sqs:")] + host + [.literal(":")] + fields[3] + [.literal(":")] + fields[4]
    }

}
