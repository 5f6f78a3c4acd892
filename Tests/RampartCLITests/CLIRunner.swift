import Foundation
import RampartTestSupport

typealias CLIResult = ProgramResult

/// The built `rampart` as the CLI tests run it (`ProgramRunner`, shared with the scan tests).
enum CLI {
    static var productsDirectory: URL { ProgramRunner.productsDirectory }
    static var packageRoot: URL { ProgramRunner.packageRoot }

    @discardableResult
    static func run(_ arguments: [String]) throws -> CLIResult { try ProgramRunner.rampart(arguments) }

    static func temporaryDirectory() throws -> URL { try ProgramRunner.temporaryDirectory() }
}
