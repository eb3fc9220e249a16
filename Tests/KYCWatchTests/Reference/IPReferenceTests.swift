import Testing

/// The IP catalogues: addresses and networks, the sorted-range index, the country and anonymizer tables.
@Suite("IP reference catalogues")
enum IPReferenceTests {}
