import Rendering
import Testing

@Suite struct LayoutTests {
    @Test(arguments: [
        (200, 50, DashboardLayout.Mode.wide), (80, 24, .grid), (60, 40, .stacked), (100, 15, .strip), (120, 12, .strip),
        (60, 20, .compact), (39, 30, .tooSmall), (100, 7, .tooSmall),
    ])
    func ladder(width: Int, height: Int, mode: DashboardLayout.Mode) {
        #expect(DashboardLayout.compute(width: width, height: height).mode == mode)
    }

    @Test func fullSizesShowAllFivePanes() {
        for (w, h) in [(200, 50), (80, 24), (60, 40)] {
            #expect(Set(DashboardLayout.compute(width: w, height: h).panes.keys) == Set(PaneID.allCases), "\(w)x\(h)")
        }
    }

    @Test func shortStripKeepsTheMostImportant() {
        let panes = DashboardLayout.compute(width: 100, height: 15).panes
        #expect(Set(panes.keys) == [.cpu, .memory, .network, .processes])
    }

    @Test func panesNeverOverlapAndStayOnScreenAtAnySize() {
        for w in stride(from: 20, through: 240, by: 7) {
            for h in stride(from: 5, through: 70, by: 3) {
                let layout = DashboardLayout.compute(width: w, height: h)
                let rects = Array(layout.panes.values)
                for (i, a) in rects.enumerated() {
                    #expect(a.x >= 0 && a.y >= 1 && a.maxX <= w && a.maxY <= h, "\(w)x\(h) \(a)")
                    #expect(a.width >= 2 && a.height >= 2, "\(w)x\(h) \(a)")
                    for b in rects[(i + 1)...] { #expect(!a.intersects(b), "\(w)x\(h): \(a) overlaps \(b)") }
                }
            }
        }
    }
}
