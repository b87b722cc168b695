# Writes openpyxl-formulas.xlsx as a script-made report does: every figure a formula on a hidden
# working sheet, nothing calculated (openpyxl stores no results and asks for recalculation on opening).
import openpyxl

wb = openpyxl.Workbook()
report = wb.active
report.title = "报表"
work = wb.create_sheet("工作")
report["A1"] = "测试街道办事处 2021年政府信息公开工作年度报告"
report["A3"] = "本年新收政府信息公开申请数量"
report["B3"] = "=工作!B2+工作!B3"
report["A4"] = "合计"
report["B4"] = "=SUM(工作!B2:B4)"
work["B2"] = 7
work["B3"] = 5
work["B4"] = 3
work.sheet_state = "hidden"
wb.save("openpyxl-formulas.xlsx")
