import ArgumentParser
import Rendering

extension ProcessSort: ExpressibleByArgument {}
