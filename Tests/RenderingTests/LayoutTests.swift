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

@Suite struct PaneChoiceTests {
    @Test func hiddenPanesGiveTheirRoomToTheOthers() {
        let all = DashboardLayout.compute(width: 80, height: 24)
        let noDisk = DashboardLayout.compute(width: 80, height: 24, shown: [.cpu, .memory, .network, .processes])
        #expect(noDisk.panes[.disk] == nil)
        #expect(noDisk.panes[.network]!.width == 80, "network takes the whole row")
        #expect(noDisk.panes[.network]!.width > all.panes[.network]!.width)
        let onlyProcesses = DashboardLayout.compute(width: 200, height: 50, shown: [.processes])
        #expect(onlyProcesses.panes == [.processes: Rect(x: 0, y: 1, width: 200, height: 49)])
        let noProcesses = DashboardLayout.compute(width: 200, height: 50, shown: [.cpu, .memory, .disk, .network])
        #expect(noProcesses.panes[.memory]!.width == 200, "the left column spans the screen")
    }

    @Test func aPresetIsHonouredWhenItFitsAndFallsBackWhenItDoesNot() {
        #expect(DashboardLayout.compute(width: 200, height: 50, preset: .stacked).mode == .stacked)
        #expect(DashboardLayout.compute(width: 120, height: 35, preset: .wide).mode == .wide)
        #expect(DashboardLayout.compute(width: 80, height: 24, preset: .wide).mode == .grid, "too small for wide: the ladder decides")
        #expect(DashboardLayout.compute(width: 200, height: 50, preset: nil).mode == .wide)
    }

    @Test func anyChoiceOfPanesAndPresetsStaysOnScreenWithoutOverlap() {
        let subsets = (1..<32).map { bits in Set(PaneID.keyOrder.enumerated().filter { bits & (1 << $0.offset) != 0 }.map(\.element)) }
        for preset in [nil] + DashboardLayout.Mode.allCases.filter({ $0 != .tooSmall }).map(Optional.some) {
            for (w, h) in [(200, 50), (80, 24), (60, 40), (120, 12), (40, 8), (100, 30)] {
                for shown in subsets {
                    let layout = DashboardLayout.compute(width: w, height: h, shown: shown, preset: preset)
                    let rects = Array(layout.panes.values)
                    #expect(!rects.isEmpty, "\(w)x\(h) \(shown) \(String(describing: preset))")
                    #expect(Set(layout.panes.keys).isSubset(of: shown))
                    for (i, a) in rects.enumerated() {
                        #expect(a.x >= 0 && a.y >= 1 && a.maxX <= w && a.maxY <= h)
                        for b in rects[(i + 1)...] { #expect(!a.intersects(b)) }
                    }
                }
            }
        }
    }
}
