import Exposition
import Testing

/// A value the store held as a Float is written as that Float's shortest form: what it held,
/// without the digits its widening to Double adds.
@Suite struct StoredNumberTests {
    @Test func aStoredValueIsWrittenAsTheFloatItWas() {
        #expect(JSONWriter.format(Double(Float(1.39))) == "1.3899999856948853", "what it printed before")
        #expect(JSONWriter.format(stored: Double(Float(1.39))) == "1.39")
        #expect(JSONWriter.format(stored: 42) == "42")
        #expect(JSONWriter.format(stored: .nan) == "null")
        #expect(JSONWriter.format(stored: 1e300) == JSONWriter.format(1e300), "past Float's range: as a Double")
    }
}
