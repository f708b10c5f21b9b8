"""Documents: the mid-term review report in Word, Excel exports and the readings sheet."""
