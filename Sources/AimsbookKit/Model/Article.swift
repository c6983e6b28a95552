/// "a risk", "an ai-system": the indefinite article English puts before a word, for messages
/// that name a document type. By the first letter, which is right for every type name.
enum Article {
    static func a(_ word: String) -> String {
        guard let first = word.lowercased().first else { return word }
        return ("aeiou".contains(first) ? "an " : "a ") + word
    }
}
