// Users of the harness get the channel contract and registry with one import.
@_exported import Channels
