/// Working memory for screening names one after another: candidate marks sized to the index, reused
/// across the names of a batch so that screening allocates per batch, not per name.
struct ScreeningScratch {
    /// The generation in which each indexed name was last made a candidate.
    var stamps: [UInt32]
    /// For each candidate name, the screened words that reached it through blocking (bit per word).
    var masks: [UInt64]
    /// The current generation; bumped for every screened name.
    var generation: UInt32 = 0
    /// The candidate names of the current screened name.
    var candidates: [Int32] = []
    /// Word-pair similarities of one candidate, row per screened word.
    var similarities: [Float] = []
    /// Posting lists to read for the current screened name: the word that reached each, and the list.
    var probes: [(word: Int, posting: Int)] = []
    /// The word pairs of the last scoring that collected them.
    var pairs: [(row: Int, token: Int32, similarity: Float, weight: Float)] = []
    /// The listed word each screened word paired with in the last scoring, -1 for none.
    var pairedColumns: [Int32] = []
    /// The UTF-8 bytes of the screened words, and where each ends.
    var queryBytes: [UInt8] = []
    var queryEnds: [Int] = []

    init(nameCount: Int) {
        stamps = Array(repeating: 0, count: nameCount)
        masks = Array(repeating: 0, count: nameCount)
    }

    /// Starts a new screened name: previous candidates are forgotten without clearing the arrays.
    mutating func nextGeneration() {
        generation &+= 1
        if generation == 0 {
            for index in stamps.indices { stamps[index] = 0 }
            generation = 1
        }
        candidates.removeAll(keepingCapacity: true)
    }
}
