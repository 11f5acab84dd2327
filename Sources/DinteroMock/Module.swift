// DinteroMock: placeholder until its module lands.
