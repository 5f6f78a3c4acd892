import Foundation
import Analysis
import ArgumentParser
import Encoding
import Environment
import Findings

/// What `who-can` and `what-can` share: the snapshot, its zone, the actions asked about.
struct AccessPathOptions: ParsableArguments {
    @Argument(help: "The snapshot folder (docs/SNAPSHOT.md).") var model: String
    @Option(help: "Zone of trust: account (each account alone) or organization (default: organization when the snapshot has organization/, else account).")
    var zone: ZoneMode?
    @Option(name: .customLong("action"), help: "Only these actions (patterns such as s3:Get*; repeatable) on the last hop (default: any).")
    var actions: [String] = []

    /// The snapshot read for access paths. Its diagnostics go to standard error; what they leave
    /// unknown is UNPROVEN in the answers. `resources`: whose own files are read beside the
    /// identity side (`ResourceSelection`: `who-can` reads only its resource's).
    func load(resources selection: ResourceSelection = .all) throws -> AccessModel {
        let started = ContinuousClock.now
        // The action catalog (read by every question) is parsed while the snapshot is read.
        Thread { _ = ActionCatalog.shipped }.start()
        let snapshot: Snapshot
        do { snapshot = try SnapshotLoader.load(folder: model, resources: selection) } catch let error as SnapshotLoader.FolderError {
            throw InputError(description: error.description)
        }
        for diagnostic in snapshot.diagnostics { CommandSupport.writeError("\(diagnostic)\n") }
        let mode = zone ?? (snapshot.organization != nil ? .organization : .account)
        if mode == .organization && snapshot.organization == nil { throw InputError(description: ZoneMode.MissingOrganization().description) }
        if SolverTrace.enabled { SolverTrace.write("access model: snapshot read at +\(ContinuousClock.now - started)") }
        // The accounts' callers and resources on every core (the model is the same whatever their number).
        let model = AccessModel(snapshot: snapshot, zoneMode: mode, workers: max(1, ProcessInfo.processInfo.activeProcessorCount))
        if SolverTrace.enabled { SolverTrace.write("access model: built at +\(ContinuousClock.now - started)") }
        return model
    }

    var actionPatterns: [String]? { actions.isEmpty ? nil : actions }
}
