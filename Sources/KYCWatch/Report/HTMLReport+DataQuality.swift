extension HTMLReport {
    /// Rows in, accepted and rejected per input, rejects by reason, and the worst offenders.
    func dataQualitySection() -> String {
        var html = "<section id=\"data-quality\"><h2>Data quality</h2>\n"
        if let gaps = manifest.checksNotMade, !gaps.isEmpty {
            html += "<h3 class=\"warn\">Checks not made tonight</h3><ul>"
            for gap in gaps { html += "<li>\(esc(gap))</li>" }
            html += "</ul>\n"
        }
        let inputs = manifest.sourceInputs
        if manifest.normalizeInputs != nil {
            let normalized = manifest.inputs
            let rows = FigureFormat.grouped(Double(normalized.reduce(0) { $0 + $1.rowsIn }))
            let rejected = FigureFormat.grouped(Double(normalized.reduce(0) { $0 + $1.rowsRejected }))
            html += "<p class=\"note\">The exports as <code>kycwatch normalize</code> read them; this stage read its "
            html += "\(FigureFormat.count(normalized.count, "normalized file")): \(rows) rows, \(rejected) rejected "
            html += "(in <code>detect-rejects.csv.zst</code>).</p>\n"
        }
        let rowsIn = inputs.reduce(0) { $0 + $1.rowsIn }
        let accepted = inputs.reduce(0) { $0 + $1.rowsAccepted }
        let rejected = inputs.reduce(0) { $0 + $1.rowsRejected }
        let deduplicated = inputs.reduce(0) { $0 + $1.rowsDeduplicated }
        let skipped = inputs.reduce(0) { $0 + $1.rowsSkipped }
        html += "<div class=\"cards\">"
        var cards = [
            (rowsIn, "rows in"), (accepted, "accepted"), (rejected, "rejected"), (deduplicated, "re-deliveries"),
        ]
        // Only exports with rows that are not usage by design have any (FOCUS credits, Slurm job steps).
        if skipped > 0 { cards.append((skipped, "skipped, not usage")) }
        for (count, title) in cards {
            html += "<div class=\"card\"><div class=\"big\">\(FigureFormat.grouped(Double(count)))</div>\(title)</div>"
        }
        html += "</div>\n"
        html += "<table><thead><tr><th>Input</th><th>Kind</th><th>Format</th><th class=\"num\">Rows in</th>"
        html += "<th class=\"num\">Accepted</th><th class=\"num\">Rejected</th><th class=\"num\">Share</th>"
        html += "<th class=\"num\">Re-deliveries</th><th>Flags</th><th>Reconciles</th></tr></thead><tbody>\n"
        for input in inputs {
            // The share the reject policy weighs: of the rows not skipped by design.
            let considered = input.rowsIn - input.rowsSkipped
            let share = considered > 0 ? Double(input.rowsRejected) / Double(considered) : 0
            html += "<tr><td><code>\(esc(input.path))</code></td><td>\(esc(input.kind))</td>"
            html += "<td>\(esc(input.format))</td><td class=\"num\">\(FigureFormat.grouped(Double(input.rowsIn)))</td>"
            html += "<td class=\"num\">\(FigureFormat.grouped(Double(input.rowsAccepted)))</td>"
            html += "<td class=\"num\">\(FigureFormat.grouped(Double(input.rowsRejected)))</td>"
            html += "<td class=\"num\">\(FigureFormat.percent(share))</td>"
            html += "<td class=\"num\">\(FigureFormat.grouped(Double(input.rowsDeduplicated)))</td><td>"
            var notes = input.flagged.sorted { $0.key < $1.key }.map { "\(esc($0.key)) \($0.value)" }
            // Lines not usage by design, and lines beside an instance's own (its EBS bandwidth), apart.
            // A manifest of an earlier version counts skipped rows without their reasons.
            let skipped =
                input.skippedByReason.isEmpty && input.rowsSkipped > 0
                ? [RejectReason.notUsage.code: input.rowsSkipped] : input.skippedByReason
            for (reason, count) in skipped.sorted(by: { $0.key < $1.key }) {
                let why = reason == RejectReason.notUsage.code ? "not usage" : esc(reason)
                notes.append("skipped (\(why)) \(count)")
            }
            html += notes.joined(separator: ", ")
            html += "</td><td>\(input.reconciles ? "yes" : "<strong class=\"warn\">no</strong>")</td></tr>\n"
        }
        html += "</tbody></table>\n"
        html += uncataloguedInstanceTypes(of: inputs)
        var byReason: [String: Int] = [:]
        for input in inputs { for (reason, count) in input.rejectedByReason { byReason[reason, default: 0] += count } }
        if byReason.isEmpty {
            html += "<p class=\"ok\">No row was rejected.</p>\n"
        } else {
            html += "<h3>Rejected by reason</h3><table class=\"narrow\"><thead><tr><th>Reason</th>"
            html += "<th class=\"num\">Rows</th></tr></thead><tbody>"
            for (reason, count) in byReason.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
                html += "<tr><td>\(esc(reason))</td><td class=\"num\">\(FigureFormat.grouped(Double(count)))</td></tr>"
            }
            html += "</tbody></table>\n"
            let offenders = inputs.flatMap { input in input.rejectedByReason.map { (input.path, $0.key, $0.value) } }
                .sorted { ($1.2, $0.0, $0.1) < ($0.2, $1.0, $1.1) }
            html += "<h3>Worst offenders</h3><p class=\"note\">The files and reasons with most rejected rows; "
            html += "the rows themselves are in <code>rejects.csv.zst</code>.</p>"
            html += "<table class=\"narrow\"><thead><tr><th>File</th><th>Reason</th><th class=\"num\">Rows</th></tr>"
            html += "</thead><tbody>"
            for (path, reason, count) in offenders.prefix(10) {
                html += "<tr><td><code>\(esc(path))</code></td><td>\(esc(reason))</td>"
                html += "<td class=\"num\">\(FigureFormat.grouped(Double(count)))</td></tr>"
            }
            html += "</tbody></table>\n"
        }
        return html + "</section>\n"
    }

    /// The instance types the catalogue lacks that usage rows were taken to have no accelerators of,
    /// the most frequent of each input: a GPU instance among them is usage not counted.
    private func uncataloguedInstanceTypes(of inputs: [StageManifest.Input]) -> String {
        let shown = 10
        let listed = inputs.compactMap { input in input.uncataloguedInstanceTypes.map { (input.path, $0) } }
        guard !listed.isEmpty else { return "" }
        var html = "<h3>Instance types not in the catalogue</h3><p class=\"note\">Rows of these instance types, "
        html += "named like accelerator instances, were taken as holding no accelerators (flag "
        html += "<code>uncatalogued-instance-type</code>): the usage of one that carries GPUs is not counted until "
        html += "it is added to <code>instance_types.csv</code>.</p><table class=\"narrow\"><thead><tr><th>File</th>"
        html += "<th>Instance type</th><th class=\"num\">Rows</th></tr></thead><tbody>"
        for (path, types) in listed {
            for type in types.prefix(shown) {
                html += "<tr><td><code>\(esc(path))</code></td><td><code>\(esc(type.instanceType))</code></td>"
                html += "<td class=\"num\">\(FigureFormat.grouped(Double(type.rows)))</td></tr>"
            }
            if types.count > shown {
                html += "<tr><td><code>\(esc(path))</code></td><td>"
                html += "\(FigureFormat.count(types.count - shown, "more type")) in <code>manifest.json</code></td>"
                html +=
                    "<td class=\"num\">\(FigureFormat.grouped(Double(types.dropFirst(shown).reduce(0) { $0 + $1.rows })))</td></tr>"
            }
        }
        return html + "</tbody></table>\n"
    }
}
